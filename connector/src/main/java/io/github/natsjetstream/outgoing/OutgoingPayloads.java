package io.github.natsjetstream.outgoing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.nats.client.impl.Headers;

/**
 * Converts a {@link Message} to the body and headers of a NATS message.
 */
final class OutgoingPayloads {

    private OutgoingPayloads() {
    }

    /**
     * Returns the body: a {@code byte[]} as is, a {@code String} as UTF-8.
     *
     * @throws IllegalArgumentException for any other payload type, naming the type and the channel
     */
    static byte[] body(Object payload, String channel) {
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        String type = payload == null ? "null" : payload.getClass().getName();
        throw new IllegalArgumentException("Channel '" + channel + "' cannot publish a payload of type " + type
                + ": only byte[] and String are supported. Convert the payload before sending it.");
    }

    /**
     * Returns the headers of a {@link JetStreamOutgoingMessage}, of a {@link JetStreamIncomingMessage}
     * that is forwarded as it is, or of a runtime's wrapper that an {@link OutgoingMessageDecorator}
     * can read, or {@code null} when the message carries none.
     */
    static Headers headers(Message<?> message) {
        Map<String, List<String>> values = Map.of();
        if (message instanceof JetStreamOutgoingMessage<?> outgoing) {
            values = outgoing.getHeaders();
        } else if (message instanceof JetStreamIncomingMessage<?> incoming) {
            values = incoming.getHeaders();
        } else {
            values = headersFromDecorators(message);
        }
        if (values.isEmpty()) {
            return null;
        }

        Headers headers = new Headers();
        values.forEach(headers::add);
        return headers;
    }

    private static Map<String, List<String>> headersFromDecorators(Message<?> message) {
        for (OutgoingMessageDecorator decorator : OutgoingMessageDecorator.DECORATORS) {
            Map<String, List<String>> found = decorator.headersOf(message);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return Map.of();
    }
}
