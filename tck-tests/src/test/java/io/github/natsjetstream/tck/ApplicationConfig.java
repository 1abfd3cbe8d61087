package io.github.natsjetstream.tck;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the MicroProfile Config properties of one application under test.
 *
 * <p>The server URL is set once for all channels with
 * {@code mp.messaging.connector.nats-jetstream.servers}, so every scenario also exercises the
 * connector-level fallback of channel attributes.
 */
public final class ApplicationConfig {

    public static final String CONNECTOR = "nats-jetstream";

    private final Map<String, String> properties = new LinkedHashMap<>();

    private ApplicationConfig(String serverUrl) {
        connectorAttribute("servers", serverUrl);
    }

    public static ApplicationConfig forServer(String serverUrl) {
        return new ApplicationConfig(serverUrl);
    }

    /**
     * Connects the incoming channel to the connector and sets its attributes, for example
     * {@code durable} to {@code mp.messaging.incoming.<channel>.durable}.
     */
    public ApplicationConfig incoming(String channel, Map<String, String> attributes) {
        return channel("incoming", channel, attributes);
    }

    /**
     * Connects the outgoing channel to the connector and sets its attributes.
     */
    public ApplicationConfig outgoing(String channel, Map<String, String> attributes) {
        return channel("outgoing", channel, attributes);
    }

    /**
     * Sets an attribute for all channels of the connector.
     */
    public ApplicationConfig connectorAttribute(String attribute, String value) {
        return property("mp.messaging.connector." + CONNECTOR + "." + attribute, value);
    }

    public ApplicationConfig property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    public Map<String, String> toMap() {
        return Map.copyOf(properties);
    }

    private ApplicationConfig channel(String direction, String channel, Map<String, String> attributes) {
        String prefix = "mp.messaging." + direction + "." + channel + ".";
        property(prefix + "connector", CONNECTOR);
        attributes.forEach((attribute, value) -> property(prefix + attribute, value));
        return this;
    }
}
