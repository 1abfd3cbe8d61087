package io.github.natsjetstream.connection;

import io.nats.client.Options;

/**
 * Changes the jnats {@link Options} of a connection before the connector opens it, for settings
 * that have no attribute. Implement it as a CDI bean with {@code @Named("<name>")} and set the
 * channel attribute {@code options-customizer=<name>}.
 *
 * <p>The connector calls {@link #customize} once per connection, after it applied its own
 * attributes (servers, credentials, TLS, timeouts and its listeners) and before it connects, so a
 * value set here replaces the connector's. Channels share a connection only when their connection
 * attributes and their {@code options-customizer} are equal. A connection or error listener set
 * here is called after the connector's own listener, which stays in place because the connector
 * needs it for reconnects, pull statuses and heartbeats.
 */
public interface JetStreamOptionsCustomizer {

    /**
     * Changes the options of the connection that {@code channel} opens.
     *
     * @param channel the channel that opens the connection. Other channels with equal connection
     *        attributes share it later without another call.
     * @param options the builder with the connector's settings applied
     */
    void customize(String channel, Options.Builder options);
}
