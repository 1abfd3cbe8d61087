package io.github.natsjetstream.outgoing;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.spi.Extensions;

/**
 * Adds a runtime-specific view of outgoing headers, found with {@link Extensions}.
 *
 * <p>Some runtimes re-wrap a message on its way to the connector, for example Quarkus adds context
 * metadata to what an {@code Emitter} sends, and the wrapper is no longer a
 * {@link JetStreamOutgoingMessage}. A decorator can carry the headers in the runtime's own
 * metadata, which survives the re-wrapping, and read them back in {@link #headersOf}.
 */
public interface OutgoingMessageDecorator {

    /** Decorators on the class path, in the order found. */
    List<OutgoingMessageDecorator> DECORATORS = load();

    <T> JetStreamOutgoingMessage<T> decorate(JetStreamOutgoingMessage<T> message);

    /** Returns the headers that this runtime carries for a message, or an empty map. */
    Map<String, List<String>> headersOf(Message<?> message);

    private static List<OutgoingMessageDecorator> load() {
        return Extensions.load(OutgoingMessageDecorator.class);
    }
}
