package io.github.natsjetstream;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.eclipse.microprofile.reactive.messaging.spi.IncomingConnectorFactory;
import org.eclipse.microprofile.reactive.messaging.spi.OutgoingConnectorFactory;
import org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;
import org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder;

import io.github.natsjetstream.config.ChannelConfig;
import io.github.natsjetstream.config.IncomingConfig;
import io.github.natsjetstream.config.OutgoingConfig;
import io.github.natsjetstream.connection.ConnectionRegistry;
import io.github.natsjetstream.connection.ConnectionSettings;
import io.github.natsjetstream.connection.JetStreamOptionsCustomizer;
import io.github.natsjetstream.connection.OptionsCustomizers;
import io.github.natsjetstream.connection.SharedConnection;
import io.github.natsjetstream.incoming.IncomingChannel;
import io.github.natsjetstream.outgoing.OutgoingChannel;
import io.github.natsjetstream.payload.PayloadDecoder;
import io.github.natsjetstream.provisioning.ConsumerProvisioner;
import io.github.natsjetstream.provisioning.StreamProvisioner;
import io.nats.client.api.ConsumerConfiguration;

/**
 * The {@code nats-jetstream} connector: incoming channels read from durable JetStream pull
 * consumers, outgoing channels publish and wait for the PubAck.
 *
 * <p>This class only wires configuration, connections, provisioning and channels together. It
 * implements the MicroProfile Reactive Messaging SPI, not a runtime's own, so the same jar runs on
 * SmallRye, Helidon and Open Liberty.
 */
@ApplicationScoped
@Connector(JetStreamConnector.NAME)
public class JetStreamConnector implements IncomingConnectorFactory, OutgoingConnectorFactory {

    public static final String NAME = "nats-jetstream";

    private static final System.Logger LOG = System.getLogger(JetStreamConnector.class.getName());

    /** Beans for the {@code options-customizer} attribute, or {@code null} when created without CDI. */
    @Inject
    @Any
    Instance<JetStreamOptionsCustomizer> optionsCustomizers;

    private final ConnectionRegistry connections = new ConnectionRegistry(
            new OptionsCustomizers(() -> optionsCustomizers));
    private final List<IncomingChannel> incomingChannels = new CopyOnWriteArrayList<>();
    private final List<OutgoingChannel> outgoingChannels = new CopyOnWriteArrayList<>();

    @Override
    public PublisherBuilder<? extends Message<?>> getPublisherBuilder(Config mpConfig) {
        ChannelConfig channelConfig = ChannelConfig.incoming(mpConfig);
        IncomingConfig config = IncomingConfig.from(channelConfig);
        ConnectionSettings settings = ConnectionSettings.from(channelConfig);
        // Before provisioning, so that a missing payload class leaves no durable behind.
        PayloadDecoder payloadDecoder = PayloadDecoder.forChannel(config.channel(), config.pull());

        SharedConnection connection = connections.acquire(settings, config.channel());
        try {
            StreamProvisioner streams = new StreamProvisioner(connection.management(), config.channel());
            ConsumerProvisioner consumers = new ConsumerProvisioner(connection.management());
            String stream = streams.ensureStream(config.subject(), config.stream());
            config.failure().deadLetterSubject()
                    .ifPresent(subject -> streams.ensureStream(subject, config.stream().derived()));
            ConsumerConfiguration durable = consumers.ensureDurable(stream, config);

            Runnable recovery = () -> {
                if (!config.consumer().recreate()) {
                    consumers.requireDurable(stream, config);
                    return;
                }
                streams.ensureStream(config.subject(), config.stream());
                consumers.ensureDurable(stream, config);
            };
            IncomingChannel channel = new IncomingChannel(config, stream, durable, payloadDecoder, connection,
                    recovery);
            incomingChannels.add(channel);
            return ReactiveStreams.fromPublisher(channel);
        } catch (RuntimeException e) {
            connection.release(config.channel(), ConnectionRegistry.defaultDrainTimeout());
            throw e;
        }
    }

    @Override
    public SubscriberBuilder<? extends Message<?>, Void> getSubscriberBuilder(Config mpConfig) {
        ChannelConfig channelConfig = ChannelConfig.outgoing(mpConfig);
        OutgoingConfig config = OutgoingConfig.from(channelConfig);
        ConnectionSettings settings = ConnectionSettings.from(channelConfig);

        SharedConnection connection = connections.acquire(settings, config.channel());
        try {
            String stream = new StreamProvisioner(connection.management(), config.channel())
                    .ensureStream(config.subject(), config.stream());

            OutgoingChannel channel = new OutgoingChannel(config, stream, connection);
            outgoingChannels.add(channel);
            return ReactiveStreams.fromSubscriber(channel);
        } catch (RuntimeException e) {
            connection.release(config.channel(), ConnectionRegistry.defaultDrainTimeout());
            throw e;
        }
    }

    /** Returns the state of every channel that is open now, for health checks. */
    public List<ChannelStatus> channelStatuses() {
        List<ChannelStatus> statuses = new ArrayList<>();
        incomingChannels.forEach(channel -> statuses.add(channel.status()));
        outgoingChannels.forEach(channel -> statuses.add(channel.status()));
        return List.copyOf(statuses);
    }

    /**
     * Shuts every channel down before the application's beans are destroyed: incoming channels
     * first, so that the messages they still process can be published and acked.
     */
    void shutdown(@Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class)
                  Object event) {
        shutdownChannels();
    }

    /**
     * Shuts the channels down when the bean is destroyed, in case the runtime stops without
     * firing {@code @BeforeDestroyed}. It does nothing after {@link #shutdown} has run.
     */
    @PreDestroy
    void destroy() {
        shutdownChannels();
    }

    private synchronized void shutdownChannels() {
        if (incomingChannels.isEmpty() && outgoingChannels.isEmpty()) {
            return;
        }
        LOG.log(Level.INFO, "Shutting down {0} incoming and {1} outgoing nats-jetstream channel(s)",
                incomingChannels.size(), outgoingChannels.size());

        incomingChannels.parallelStream().forEach(IncomingChannel::shutdown);
        incomingChannels.clear();
        outgoingChannels.parallelStream().forEach(OutgoingChannel::shutdown);
        outgoingChannels.clear();
    }
}
