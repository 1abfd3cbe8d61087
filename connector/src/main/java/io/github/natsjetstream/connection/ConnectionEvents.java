package io.github.natsjetstream.connection;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.support.Status;

/**
 * Logs connection state changes and asynchronous errors of one connection through
 * {@link System.Logger}, in place of jnats' default listener that prints to standard output.
 */
final class ConnectionEvents implements ConnectionListener, ErrorListener {

    private static final System.Logger LOG = System.getLogger(ConnectionEvents.class.getName());

    private final String servers;
    private final Map<JetStreamSubscription, PullListener> pullListeners = new ConcurrentHashMap<>();
    private volatile Exception lastException;

    ConnectionEvents(String servers) {
        this.servers = servers;
    }

    void register(JetStreamSubscription subscription, PullListener listener) {
        pullListeners.put(subscription, listener);
    }

    /** Returns the root cause of the latest connection error, without user info, or an empty string. */
    String lastFailure() {
        Throwable cause = lastException;
        if (cause == null) {
            return "";
        }
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return Urls.redact(cause.toString());
    }

    void unregister(JetStreamSubscription subscription) {
        pullListeners.remove(subscription);
    }

    @Override
    public void connectionEvent(Connection connection, Events type) {
        switch (type) {
            case CONNECTED:
                LOG.log(Level.INFO, "NATS connection {0}: {1}", type.getEvent(),
                        Urls.redact(connection.getConnectedUrl()));
                break;
            case RECONNECTED:
            case RESUBSCRIBED:
                LOG.log(Level.INFO, "NATS connection {0}: {1}", type.getEvent(),
                        Urls.redact(connection.getConnectedUrl()));
                pullListeners.values().forEach(PullListener::reconnected);
                break;
            case DISCONNECTED:
            case LAME_DUCK:
                LOG.log(Level.WARNING, "NATS connection {0}; servers {1}", type.getEvent(), servers);
                break;
            case DISCOVERED_SERVERS:
                LOG.log(Level.DEBUG, "NATS connection {0}; servers {1}", type.getEvent(), servers);
                break;
            default:
                LOG.log(Level.INFO, "NATS connection {0}; servers {1}", type.getEvent(), servers);
        }
    }

    @Override
    public void errorOccurred(Connection connection, String error) {
        LOG.log(Level.WARNING, "NATS server at {0} reported an error: {1}", servers, Urls.redact(error));
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
        lastException = exception;
        LOG.log(Level.WARNING, "NATS connection to " + servers + " failed: " + Urls.redact(exception.toString()));
    }

    @Override
    public void slowConsumerDetected(Connection connection, Consumer consumer) {
        LOG.log(Level.WARNING, "NATS slow consumer on the connection to {0}: {1} messages dropped so far",
                servers, String.valueOf(consumer.getDroppedCount()));
    }

    @Override
    public void messageDiscarded(Connection connection, Message message) {
        LOG.log(Level.WARNING, "NATS discarded a message to subject {0} because the outgoing buffer was full",
                message.getSubject());
    }

    @Override
    public void heartbeatAlarm(Connection connection, JetStreamSubscription subscription, long lastStreamSequence,
                               long lastConsumerSequence) {
        PullListener listener = pullListeners.get(subscription);
        boolean pullOpen = listener != null && listener.heartbeatMissed();
        if (pullOpen) {
            LOG.log(Level.WARNING, "Missed JetStream heartbeats on consumer {0}, last stream sequence {1}; the "
                    + "open pull request ends and a new one follows", subscription.getConsumerName(),
                    String.valueOf(lastStreamSequence));
        } else {
            LOG.log(Level.DEBUG, "Heartbeat alarm on consumer {0} while no pull request was open, last stream "
                    + "sequence {1}", subscription.getConsumerName(), String.valueOf(lastStreamSequence));
        }
    }

    @Override
    public void pullStatusWarning(Connection connection, JetStreamSubscription subscription, Status status) {
        // 408 (pull expired) and 404 (no messages) are the normal end of a pull request.
        LOG.log(Level.DEBUG, "Pull status {0} on consumer {1}: {2}", String.valueOf(status.getCode()),
                subscription.getConsumerName(), status.getMessage());
        PullListener listener = pullListeners.get(subscription);
        if (listener != null) {
            listener.pullEnded(status.getCode(), status.getMessage());
        }
    }

    @Override
    public void pullStatusError(Connection connection, JetStreamSubscription subscription, Status status) {
        LOG.log(Level.WARNING, "Pull status {0} on consumer {1}: {2}", String.valueOf(status.getCode()),
                subscription.getConsumerName(), status.getMessage());
    }

    @Override
    public void unhandledStatus(Connection connection, JetStreamSubscription subscription, Status status) {
        LOG.log(Level.WARNING, "Unhandled JetStream status {0} on consumer {1}: {2}", String.valueOf(status.getCode()),
                subscription.getConsumerName(), status.getMessage());
    }
}
