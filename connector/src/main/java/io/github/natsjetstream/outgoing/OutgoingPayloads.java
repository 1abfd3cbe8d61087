package io.github.natsjetstream.outgoing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.payload.JsonPayloadEncoder;
import io.nats.client.impl.Headers;

/**
 * Converts a {@link Message} to the body, headers and subject of a NATS message.
 */
final class OutgoingPayloads {

    private static final String EXPECTATION_PREFIX = "Nats-Expected-";

    private OutgoingPayloads() {
    }

    /**
     * Returns the body: a {@code byte[]} as is, a {@code String} as UTF-8, any other object as JSON.
     *
     * @throws IllegalArgumentException for a {@code null} payload or one that fails to encode as JSON
     * @throws IllegalStateException for an object payload when the application has no JSON library
     */
    static byte[] body(Object payload, String channel) {
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return JsonPayloadEncoder.encode(payload, channel);
    }

    /**
     * Returns the headers of a {@link JetStreamOutgoingMessage}, of a {@link JetStreamIncomingMessage}
     * that is forwarded as it is, or of a runtime's wrapper that an {@link OutgoingMessageDecorator}
     * can read, or {@code null} when the message carries none. A payload that {@link #body} encodes
     * as JSON adds {@code Content-Type: application/json} unless the message sets a Content-Type.
     *
     * <p>A forwarded message loses its {@code Nats-Expected-*} headers: the stream stores them with
     * the message, but they were conditions of the original publish and would make the new one fail.
     * Its {@code Nats-Msg-Id} stays, so forwarding the same message twice stores it once.
     */
    static Headers headers(Message<?> message) {
        Map<String, List<String>> values = Map.of();
        if (message instanceof JetStreamOutgoingMessage<?> outgoing) {
            values = outgoing.getHeaders();
        } else if (message instanceof JetStreamIncomingMessage<?> incoming) {
            values = withoutExpectations(incoming.getHeaders());
        } else {
            values = headersFromDecorators(message);
        }
        values = JsonPayloadEncoder.withContentType(values, message.getPayload());
        if (values.isEmpty()) {
            return null;
        }

        Headers headers = new Headers();
        values.forEach(headers::add);
        return headers;
    }

    /**
     * Returns the subject that a {@link JetStreamOutgoingMessage}, or a runtime's wrapper that an
     * {@link OutgoingMessageDecorator} can read, sets, or empty for the channel's subject. A
     * forwarded {@link JetStreamIncomingMessage} goes to the channel's subject, not to its own.
     */
    static Optional<String> subject(Message<?> message) {
        if (message instanceof JetStreamOutgoingMessage<?> outgoing) {
            return outgoing.getSubject();
        }
        if (message instanceof JetStreamIncomingMessage<?>) {
            return Optional.empty();
        }
        for (OutgoingMessageDecorator decorator : OutgoingMessageDecorator.DECORATORS) {
            Optional<String> found = decorator.subjectOf(message);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> withoutExpectations(Map<String, List<String>> headers) {
        Map<String, List<String>> kept = new LinkedHashMap<>(headers);
        kept.keySet().removeIf(name -> name.startsWith(EXPECTATION_PREFIX));
        return kept;
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
