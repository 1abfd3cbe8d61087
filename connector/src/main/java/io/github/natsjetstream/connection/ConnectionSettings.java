package io.github.natsjetstream.connection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.natsjetstream.config.Attribute;
import io.github.natsjetstream.config.ChannelConfig;
import io.nats.client.Options;

/**
 * Connection attributes of a channel. Channels with equal settings, including the name of the
 * options customizer bean, share one connection, so this record is the key of
 * {@link ConnectionRegistry}.
 *
 * <p>{@link #toString()} leaves out passwords, the token and the user info of URLs.
 */
public record ConnectionSettings(List<String> servers, String clientName, Credentials credentials, TlsSettings tls,
                                 Duration connectionTimeout, Duration pingInterval, Duration reconnectWait,
                                 int maxReconnects, Optional<String> optionsCustomizer) {

    static final String CLIENT_NAME_PREFIX = "nats-jetstream-";

    public static ConnectionSettings from(ChannelConfig config) {
        List<String> servers = config.list(Attribute.SERVERS);
        if (servers.isEmpty()) {
            servers = List.of("nats://localhost:4222");
        }

        int maxReconnects = config.integer(Attribute.MAX_RECONNECTS, -1).orElse(-1);
        return new ConnectionSettings(
                List.copyOf(servers),
                config.string(Attribute.CLIENT_NAME, CLIENT_NAME_PREFIX + hostName()),
                Credentials.from(config),
                TlsSettings.from(config),
                config.duration(Attribute.CONNECTION_TIMEOUT, Duration.ofSeconds(5)),
                config.duration(Attribute.PING_INTERVAL, Duration.ofSeconds(2)),
                config.duration(Attribute.RECONNECT_WAIT, Duration.ofSeconds(1)),
                maxReconnects,
                config.string(Attribute.OPTIONS_CUSTOMIZER));
    }

    /** Server URLs with user info removed, for logs and error messages. */
    public String redactedServers() {
        return String.join(",", servers.stream().map(Urls::redact).toList());
    }

    Options.Builder toOptionsBuilder() {
        Options.Builder builder = new Options.Builder()
                .servers(servers.toArray(String[]::new))
                .connectionName(clientName)
                .connectionTimeout(connectionTimeout)
                .pingInterval(pingInterval)
                .maxPingsOut(2)
                .reconnectWait(reconnectWait)
                .maxReconnects(maxReconnects)
                // Every publish and pull is a request, which jnats 2.26 would write to the socket
                // on its own. Without the forced flush, its writer sends each batch it takes from
                // its queue in one write, with no added wait.
                .dontForceFlushOnRequest();

        credentials.applyTo(builder);
        tls.applyTo(builder);
        return builder;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    @Override
    public String toString() {
        return "ConnectionSettings[servers=" + redactedServers() + ", clientName=" + clientName + ", " + credentials
                + ", " + tls + ", optionsCustomizer=" + optionsCustomizer.orElse("") + "]";
    }
}
