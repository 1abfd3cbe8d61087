package io.github.natsjetstream.connection;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Options;
import io.nats.client.support.Status;

/**
 * Calls the connector's {@link ConnectionEvents} and then the listeners that an options customizer
 * set. jnats accepts one connection listener and one error listener per connection, and the
 * connector needs its own for reconnects, pull statuses and heartbeats.
 */
final class ChainedListeners implements ConnectionListener, ErrorListener {

    private static final ConnectionListener NO_CONNECTION_LISTENER = (connection, type) -> { };
    private static final ErrorListener NO_ERROR_LISTENER = new ErrorListener() { };

    private final ConnectionEvents connector;
    private final ConnectionListener applicationConnectionListener;
    private final ErrorListener applicationErrorListener;

    private ChainedListeners(ConnectionEvents connector, ConnectionListener applicationConnectionListener,
                             ErrorListener applicationErrorListener) {
        this.connector = connector;
        this.applicationConnectionListener = applicationConnectionListener;
        this.applicationErrorListener = applicationErrorListener;
    }

    /**
     * Returns the options with the connector's listeners in place, followed by any other listener
     * that they contain. Options with only the connector's listeners are returned unchanged.
     */
    static Options keepConnectorListeners(Options options, ConnectionEvents connector) {
        ConnectionListener connectionListener = options.getConnectionListener();
        ErrorListener errorListener = options.getErrorListener();
        if (connectionListener == connector && errorListener == connector) {
            return options;
        }

        ChainedListeners chained = new ChainedListeners(connector,
                connectionListener == null || connectionListener == connector ? NO_CONNECTION_LISTENER
                        : connectionListener,
                errorListener == null || errorListener == connector ? NO_ERROR_LISTENER : errorListener);
        return new Options.Builder(options)
                .connectionListener(chained)
                .errorListener(chained)
                .build();
    }

    @Override
    public void connectionEvent(Connection connection, Events type) {
        connector.connectionEvent(connection, type);
        applicationConnectionListener.connectionEvent(connection, type);
    }

    // jnats calls this overload; its default calls the two-argument one.
    @Override
    public void connectionEvent(Connection connection, Events type, Long time, String uriDetails) {
        connector.connectionEvent(connection, type, time, uriDetails);
        applicationConnectionListener.connectionEvent(connection, type, time, uriDetails);
    }

    @Override
    public void errorOccurred(Connection connection, String error) {
        connector.errorOccurred(connection, error);
        applicationErrorListener.errorOccurred(connection, error);
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
        connector.exceptionOccurred(connection, exception);
        applicationErrorListener.exceptionOccurred(connection, exception);
    }

    @Override
    public void slowConsumerDetected(Connection connection, Consumer consumer) {
        connector.slowConsumerDetected(connection, consumer);
        applicationErrorListener.slowConsumerDetected(connection, consumer);
    }

    @Override
    public void messageDiscarded(Connection connection, Message message) {
        connector.messageDiscarded(connection, message);
        applicationErrorListener.messageDiscarded(connection, message);
    }

    @Override
    public void heartbeatAlarm(Connection connection, JetStreamSubscription subscription, long lastStreamSequence,
                               long lastConsumerSequence) {
        connector.heartbeatAlarm(connection, subscription, lastStreamSequence, lastConsumerSequence);
        applicationErrorListener.heartbeatAlarm(connection, subscription, lastStreamSequence, lastConsumerSequence);
    }

    @Override
    public void unhandledStatus(Connection connection, JetStreamSubscription subscription, Status status) {
        connector.unhandledStatus(connection, subscription, status);
        applicationErrorListener.unhandledStatus(connection, subscription, status);
    }

    @Override
    public void pullStatusWarning(Connection connection, JetStreamSubscription subscription, Status status) {
        connector.pullStatusWarning(connection, subscription, status);
        applicationErrorListener.pullStatusWarning(connection, subscription, status);
    }

    @Override
    public void pullStatusError(Connection connection, JetStreamSubscription subscription, Status status) {
        connector.pullStatusError(connection, subscription, status);
        applicationErrorListener.pullStatusError(connection, subscription, status);
    }

    @Override
    public void flowControlProcessed(Connection connection, JetStreamSubscription subscription, String subject,
                                     FlowControlSource source) {
        connector.flowControlProcessed(connection, subscription, subject, source);
        applicationErrorListener.flowControlProcessed(connection, subscription, subject, source);
    }

    @Override
    public void socketWriteTimeout(Connection connection) {
        connector.socketWriteTimeout(connection);
        applicationErrorListener.socketWriteTimeout(connection);
    }
}
