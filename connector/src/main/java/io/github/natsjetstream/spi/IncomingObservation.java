package io.github.natsjetstream.spi;

/**
 * One delivery of an incoming message, as followed by a {@link ChannelObserver}. The connector calls
 * at most one of the methods, once. It calls neither when the application never settles the
 * message, for example because the channel shut down first.
 */
public interface IncomingObservation {

    /** An observation that ignores every call. */
    IncomingObservation NONE = new IncomingObservation() {
    };

    /**
     * Called when the application acked the message, after the connector sent the JetStream ack. It
     * is also called when sending the ack failed. The connector logs that failure, and the server
     * redelivers the message after ack-wait.
     */
    default void acked() {
    }

    /**
     * Called when the application nacked the message or its method threw, before the channel's
     * {@code failure-strategy} (nak, term, dead-letter, fail or ignore) is applied.
     *
     * @param reason the failure the application reported
     */
    default void nacked(Throwable reason) {
    }
}
