package io.github.natsjetstream.connection;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * Opens one connection per distinct {@link ConnectionSettings} and closes it when the last channel
 * that uses it releases it.
 */
public final class ConnectionRegistry {

    private static final System.Logger LOG = System.getLogger(ConnectionRegistry.class.getName());

    private final Map<ConnectionSettings, SharedConnection> connections = new HashMap<>();
    private final OptionsCustomizers customizers;

    public ConnectionRegistry(OptionsCustomizers customizers) {
        this.customizers = customizers;
    }

    /**
     * Returns the shared connection for the settings, connecting first if no channel uses it yet.
     *
     * @throws IllegalStateException when the servers cannot be reached, or when the options customizer
     *         is not found or fails. The message names the channel, and for connection failures the
     *         servers without user info.
     */
    public synchronized SharedConnection acquire(ConnectionSettings settings, String channel) {
        SharedConnection shared = connections.get(settings);
        if (shared == null) {
            ConnectionEvents events = new ConnectionEvents(settings.redactedServers());
            shared = new SharedConnection(this, settings, connect(settings, channel, events), events);
            connections.put(settings, shared);
        }
        shared.retain();
        return shared;
    }

    synchronized boolean release(SharedConnection shared) {
        if (shared.releaseReference() > 0) {
            return false;
        }
        connections.remove(shared.settings());
        return true;
    }

    private Connection connect(ConnectionSettings settings, String channel, ConnectionEvents events) {
        String servers = settings.redactedServers();
        LOG.log(Level.INFO, "Connecting to NATS at {0} for channel ''{1}'' as ''{2}''", servers, channel,
                settings.clientName());

        Options.Builder options = settings.toOptionsBuilder()
                .connectionListener(events)
                .errorListener(events);
        settings.optionsCustomizer().ifPresent(name -> customizers.customize(name, channel, options));
        try {
            return Nats.connect(ChainedListeners.keepConnectorListeners(options.build(), events));
        } catch (IOException e) {
            String failure = events.lastFailure();
            String lastError = failure.isEmpty() ? "" : " Last error: " + failure + ".";
            throw new IllegalStateException("Channel '" + channel + "' failed to connect to NATS at " + servers
                    + ": " + Urls.redact(e.getMessage()) + "." + lastError + " Check the 'servers' attribute, the TLS and credential attributes, and that nats-server is "
                    + "running there.", redactedCause(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while channel '" + channel + "' connected to " + servers, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Channel '" + channel + "' has invalid connection settings for "
                    + servers + ": " + Urls.redact(e.getMessage()), redactedCause(e));
        }
    }

    /** Returns a copy of the exception whose message has no user info, because jnats puts URLs in it. */
    private static Exception redactedCause(Exception cause) {
        Exception copy = new Exception(cause.getClass().getName() + ": " + Urls.redact(cause.getMessage()));
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }

    /** Default time allowed for a connection to drain when its last channel releases it. */
    public static Duration defaultDrainTimeout() {
        return Duration.ofSeconds(5);
    }
}
