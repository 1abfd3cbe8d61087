package io.github.natsjetstream.connection;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;

/**
 * A NATS connection that several channels use, with a reference count kept by
 * {@link ConnectionRegistry}.
 */
public final class SharedConnection {

    private static final System.Logger LOG = System.getLogger(SharedConnection.class.getName());

    private final ConnectionRegistry registry;
    private final ConnectionSettings settings;
    private final Connection connection;
    private final ConnectionEvents events;
    private int references;

    SharedConnection(ConnectionRegistry registry, ConnectionSettings settings, Connection connection,
                     ConnectionEvents events) {
        this.registry = registry;
        this.settings = settings;
        this.connection = connection;
        this.events = events;
    }

    /** Routes pull statuses, missed heartbeats and reconnects of the subscription to the listener. */
    public void register(JetStreamSubscription subscription, PullListener listener) {
        events.register(subscription, listener);
    }

    public void unregister(JetStreamSubscription subscription) {
        events.unregister(subscription);
    }

    public Connection connection() {
        return connection;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public JetStream jetStream() {
        try {
            return connection.jetStream();
        } catch (IOException e) {
            throw new IllegalStateException("Failed to create a JetStream context on " + settings.redactedServers(), e);
        }
    }

    public JetStreamManagement management() {
        try {
            return connection.jetStreamManagement();
        } catch (IOException e) {
            throw new IllegalStateException("Failed to create a JetStream management context on "
                    + settings.redactedServers(), e);
        }
    }

    /**
     * Flushes what this channel wrote (acks, naks, publishes) and, when no other channel uses the
     * connection any more, drains and closes it.
     */
    public void release(String channel, Duration timeout) {
        flush(channel, timeout);
        if (!registry.release(this)) {
            return;
        }

        LOG.log(Level.INFO, "Draining NATS connection to {0}, last used by channel ''{1}''",
                settings.redactedServers(), channel);
        try {
            Boolean drained = connection.drain(timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (!Boolean.TRUE.equals(drained)) {
                LOG.log(Level.WARNING, "NATS connection to {0} did not drain within {1} ms; closing it",
                        settings.redactedServers(), timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "Interrupted while draining the NATS connection to "
                    + settings.redactedServers(), e);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Failed to drain the NATS connection to " + settings.redactedServers(), e);
        } finally {
            closeQuietly();
        }
    }

    private void flush(String channel, Duration timeout) {
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            return;
        }
        try {
            connection.flush(timeout);
        } catch (TimeoutException | InterruptedException | IllegalStateException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.WARNING, "Failed to flush the NATS connection for channel ''{0}'' to {1}: {2}",
                    channel, settings.redactedServers(), e.toString());
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void retain() {
        references++;
    }

    int releaseReference() {
        return --references;
    }
}
