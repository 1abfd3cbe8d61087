package io.github.natsjetstream.connection;

import java.util.function.Supplier;

import io.github.natsjetstream.config.Attribute;
import io.nats.client.Options;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;

/**
 * Finds the {@link JetStreamOptionsCustomizer} bean that a channel names in
 * {@code options-customizer} and applies it.
 *
 * <p>The beans come from an {@code Instance} injected into the connector, as SmallRye's Kafka
 * connector does for {@code kafka-configuration}, so that the container that created the connector
 * resolves the name. Quarkus keeps a bean that has a name or that such an injection point can
 * return, so it does not remove these beans as unused.
 */
public final class OptionsCustomizers {

    private final Supplier<Instance<JetStreamOptionsCustomizer>> beans;

    /**
     * @param beans returns the injected beans, or {@code null} when the connector was created
     *        without a CDI container
     */
    public OptionsCustomizers(Supplier<Instance<JetStreamOptionsCustomizer>> beans) {
        this.beans = beans;
    }

    /**
     * Calls the named customizer on the builder.
     *
     * @throws IllegalStateException when no bean or more than one bean has the name, or when the
     *         customizer throws. The message names the channel, the attribute and the bean.
     */
    void customize(String name, String channel, Options.Builder options) {
        JetStreamOptionsCustomizer customizer = find(name, channel);
        try {
            customizer.customize(channel, options);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Channel '" + channel + "': the options customizer bean '" + name
                    + "' (attribute '" + Attribute.OPTIONS_CUSTOMIZER.key() + "') failed: " + e, e);
        }
    }

    private JetStreamOptionsCustomizer find(String name, String channel) {
        String setting = "Channel '" + channel + "' sets '" + Attribute.OPTIONS_CUSTOMIZER.key() + "' to '" + name
                + "', but ";
        Instance<JetStreamOptionsCustomizer> all = beans.get();
        if (all == null) {
            throw new IllegalStateException(setting + "the connector was created without a CDI container, so it "
                    + "cannot look up beans. Let the container create the connector, or remove the attribute.");
        }

        Instance<JetStreamOptionsCustomizer> named = all.select(NamedLiteral.of(name));
        if (named.isUnsatisfied()) {
            throw new IllegalStateException(setting + "no CDI bean of type "
                    + JetStreamOptionsCustomizer.class.getName() + " is named '" + name + "'. Annotate the "
                    + "implementation with @Named(\"" + name + "\") and a bean-defining annotation such as "
                    + "@ApplicationScoped, or correct the attribute.");
        }
        // CDI makes two beans with one name a deployment problem, so Weld (WELD-001414) fails before
        // this point. The check stays for containers that let such beans through.
        if (named.isAmbiguous()) {
            throw new IllegalStateException(setting + "more than one CDI bean of type "
                    + JetStreamOptionsCustomizer.class.getName() + " is named '" + name + "'. Give each bean "
                    + "its own @Named value.");
        }
        return named.get();
    }
}
