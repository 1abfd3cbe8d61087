package io.github.natsjetstream.spi;

import io.nats.client.api.PublishAck;

/**
 * One publish of an outgoing message, as followed by a {@link ChannelObserver}. The connector calls
 * exactly one of the methods, once, on the thread that completes the publish (often a NATS
 * connection thread, so it must not block), and before it acks or nacks the application's message.
 */
public interface OutgoingObservation {

    /** An observation that ignores every call. */
    OutgoingObservation NONE = new OutgoingObservation() {
    };

    /**
     * Called when the stream stored the message, including a PubAck marked duplicate, which counts as
     * stored. With {@code publish-retries}, this ends all attempts.
     */
    default void published(PublishAck ack) {
    }

    /**
     * Called when the message was not stored: it exceeds the server's max payload, no PubAck came
     * within {@code publish-timeout}, or the server rejected it. With {@code publish-retries}, this
     * follows the last attempt.
     *
     * @param failure the cause, the same exception that the application's message is nacked with
     */
    default void failed(Throwable failure) {
    }
}
