package io.github.natsjetstream.outgoing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.spi.Extensions;
import io.nats.client.api.PublishAck;

/**
 * Adds a runtime-specific view of what an outgoing message carries (headers, subject, PubAck),
 * found with {@link Extensions}.
 *
 * <p>Some runtimes re-wrap a message on its way to the connector, for example Quarkus adds context
 * metadata to what an {@code Emitter} sends, and the wrapper is no longer a
 * {@link JetStreamOutgoingMessage}. A decorator can carry the headers and the subject in the
 * runtime's own metadata, which survives the re-wrapping, read them back in {@link #headersOf}
 * and {@link #subjectOf}, and pass the PubAck back in {@link #publishAckReceived}.
 */
public interface OutgoingMessageDecorator {

    /** Decorators on the class path, in the order found. */
    List<OutgoingMessageDecorator> DECORATORS = load();

    /**
     * Returns a copy of the message with this runtime's view added. The copy must be made with the
     * protected copy constructor, so that it shares the original's PubAck holder.
     */
    <T> JetStreamOutgoingMessage<T> decorate(JetStreamOutgoingMessage<T> message);

    /** Returns the headers that this runtime carries for a message, or an empty map. */
    Map<String, List<String>> headersOf(Message<?> message);

    /** Returns the subject that this runtime carries for a message, or empty for the channel's subject. */
    default Optional<String> subjectOf(Message<?> message) {
        return Optional.empty();
    }

    /**
     * Passes the PubAck of a message to wherever this runtime exposes it. The connector calls it on
     * every message it published, before it acks the message, and logs and ignores exceptions.
     */
    default void publishAckReceived(Message<?> message, PublishAck ack) {
    }

    private static List<OutgoingMessageDecorator> load() {
        return Extensions.load(OutgoingMessageDecorator.class);
    }
}
