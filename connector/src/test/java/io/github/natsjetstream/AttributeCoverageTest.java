package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.github.natsjetstream.config.Attribute;
import io.github.natsjetstream.config.Attribute.Direction;
import io.github.natsjetstream.config.ChannelConfig;
import io.github.natsjetstream.config.IncomingConfig;
import io.github.natsjetstream.config.OutgoingConfig;
import io.github.natsjetstream.config.StreamSettings;
import io.github.natsjetstream.connection.ConnectionSettings;

/**
 * Checks that the attribute reference and the code agree: parsing a channel's configuration reads
 * every attribute documented for its direction, and reads no key that the reference lacks.
 */
class AttributeCoverageTest {

    private static final Set<String> RUNTIME_KEYS = Set.of("channel-name", "connector");

    @Test
    void incomingParsingReadsEveryIncomingAttribute() {
        Set<String> read = new TreeSet<>();
        for (Map<String, String> variant : incomingVariants()) {
            read.addAll(keysRead(variant, config -> {
                ChannelConfig channel = ChannelConfig.incoming(config);
                IncomingConfig.from(channel);
                StreamSettings.from(channel);
                ConnectionSettings.from(channel);
            }));
        }

        assertThat(read).containsAll(documentedKeys(Direction.INCOMING));
        assertThat(undocumented(read)).as("keys read but missing from the reference").isEmpty();
    }

    @Test
    void outgoingParsingReadsEveryOutgoingAttribute() {
        Set<String> read = new TreeSet<>();
        for (Map<String, String> variant : outgoingVariants()) {
            read.addAll(keysRead(variant, config -> {
                ChannelConfig channel = ChannelConfig.outgoing(config);
                OutgoingConfig.from(channel);
                StreamSettings.from(channel);
                ConnectionSettings.from(channel);
            }));
        }

        assertThat(read).containsAll(documentedKeys(Direction.OUTGOING));
        assertThat(undocumented(read)).as("keys read but missing from the reference").isEmpty();
    }

    /** Configurations that together reach every branch that reads an incoming attribute. */
    private static List<Map<String, String>> incomingVariants() {
        return List.of(
                Map.of("subject", "orders.created", "durable", "processor"),
                Map.of("subject", "orders.created", "durable", "processor", "failure-strategy", "dead-letter",
                        "dead-letter-subject", "orders.dead", "username", "app", "password", "secret"));
    }

    private static List<Map<String, String>> outgoingVariants() {
        return List.of(
                Map.of("subject", "orders.created"),
                Map.of("subject", "orders.created", "username", "app", "password", "secret"));
    }

    /** Parses the configuration through a {@link Config} that records every key looked up. */
    private static Set<String> keysRead(Map<String, String> attributes, Consumer<Config> parse) {
        Map<String, String> properties = new HashMap<>(attributes);
        Config real = TestConfigs.channel("coverage", properties);
        Set<String> keys = new TreeSet<>();
        Config recording = (Config) Proxy.newProxyInstance(Config.class.getClassLoader(),
                new Class<?>[] {Config.class}, (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof String key
                            && method.getName().startsWith("get")) {
                        keys.add(key);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        parse.accept(recording);
        keys.removeAll(RUNTIME_KEYS);
        return keys;
    }

    private static Set<String> documentedKeys(Direction direction) {
        return Arrays.stream(Attribute.values())
                .filter(attribute -> attribute.direction() == direction || attribute.direction() == Direction.BOTH)
                .map(Attribute::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> undocumented(Set<String> read) {
        Set<String> documented = Arrays.stream(Attribute.values()).map(Attribute::key).collect(Collectors.toSet());
        return read.stream().filter(key -> !documented.contains(key)).collect(Collectors.toCollection(TreeSet::new));
    }
}
