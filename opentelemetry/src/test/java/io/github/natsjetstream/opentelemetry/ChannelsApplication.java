package io.github.natsjetstream.opentelemetry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.github.natsjetstream.testing.NatsServerProcess;

/**
 * A SmallRye Reactive Messaging application on Weld SE against its own nats-server. Its channels are
 * configured through system properties, so each test JVM starts one application. Every subject starts
 * with {@link #prefix()}, so the connector creates one stream for all of them. It refers to no
 * OpenTelemetry class, so the test without OpenTelemetry uses it too.
 */
final class ChannelsApplication implements AutoCloseable {

    private final NatsServerProcess server;
    private final String prefix;
    private final WeldContainer container;

    private ChannelsApplication(NatsServerProcess server, String prefix, WeldContainer container) {
        this.server = server;
        this.prefix = prefix;
        this.container = container;
    }

    /** Returns a builder of the channel configuration, whose {@link Builder#start} starts the server and the container. */
    static Builder builder(String name) {
        return new Builder(name);
    }

    String prefix() {
        return prefix;
    }

    String serverUrl() {
        return server.url();
    }

    <T> T bean(Class<T> type) {
        return container.select(type).get();
    }

    @Override
    public void close() {
        try {
            container.close();
        } finally {
            server.close();
        }
    }

    static final class Builder {

        private final String name;
        private final String prefix;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
            this.prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        }

        /** Adds an outgoing channel that publishes to {@code <prefix>.<subject>}. */
        Builder outgoing(String channel, String subject) {
            String key = "mp.messaging.outgoing." + channel + ".";
            properties.put(key + "connector", "nats-jetstream");
            properties.put(key + "subject", prefix + "." + subject);
            return this;
        }

        /** Adds an incoming channel that reads {@code <prefix>.<subject>} through its own durable. */
        Builder incoming(String channel, String subject, String payloadType) {
            String key = "mp.messaging.incoming." + channel + ".";
            properties.put(key + "connector", "nats-jetstream");
            properties.put(key + "subject", prefix + "." + subject);
            properties.put(key + "durable", channel + "-" + prefix);
            properties.put(key + "payload-type", payloadType);
            properties.put(key + "fetch-wait", "500ms");
            return this;
        }

        ChannelsApplication start(Class<?>... beanClasses) {
            NatsServerProcess server = NatsServerProcess.start();
            try {
                System.setProperty("mp.messaging.connector.nats-jetstream.servers", server.url());
                System.setProperty("mp.messaging.connector.nats-jetstream.shutdown-timeout", "1s");
                properties.forEach(System::setProperty);
                // Weld SE needs the configuration in place before it starts; see README.md.
                ConfigProvider.getConfig();

                WeldContainer container = new Weld(name).addBeanClasses(beanClasses).initialize();
                return new ChannelsApplication(server, prefix, container);
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
        }
    }
}
