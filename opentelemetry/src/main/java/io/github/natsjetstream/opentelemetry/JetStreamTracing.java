package io.github.natsjetstream.opentelemetry;

import java.util.Objects;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import io.opentelemetry.context.Context;

/**
 * Connects the application's own spans with the connector's. The connector does not make the
 * consumer span current while the application processes a message. An application that wants its
 * work, and the messages it sends, in that trace makes the context current itself:
 *
 * <pre>{@code
 * @Incoming("orders-in")
 * public CompletionStage<Void> process(Message<byte[]> message) {
 *     try (Scope scope = JetStreamTracing.contextOf(message).makeCurrent()) {
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class JetStreamTracing {

    private JetStreamTracing() {
    }

    /**
     * Returns the context of the consumer span of a message that an incoming {@code nats-jetstream}
     * channel delivered, also after the message was acked or nacked. For any other message, or while
     * tracing is off, it returns {@link Context#current()}, so making it current changes nothing.
     *
     * @param message the message as the application received it; a message built from it, for
     *                example with {@code withPayload}, is another message and is not found
     */
    public static Context contextOf(Message<?> message) {
        io.nats.client.Message raw;
        try {
            raw = message.unwrap(io.nats.client.Message.class);
        } catch (RuntimeException e) {
            return Context.current();
        }
        Context received = raw == null ? null : ReceivedContexts.get(raw);
        return received != null ? received : Context.current();
    }

    /**
     * Returns the message with metadata that makes its publish span a child of {@code parent},
     * whichever thread the outgoing channel publishes it on. Without it, the parent is the context
     * current on the thread that passes the message to the channel; see docs/observability.md.
     *
     * @throws IllegalArgumentException for a {@link JetStreamOutgoingMessage} without metadata, that
     *     is, one that no runtime module (such as {@code nats-jetstream-smallrye}) decorates: adding
     *     metadata turns it into a plain message, which loses its headers, subject and PubAck
     */
    public static <T> Message<T> withParentContext(Message<T> message, Context parent) {
        Objects.requireNonNull(parent, "parent");
        if (message instanceof JetStreamOutgoingMessage<?> && !message.getMetadata().iterator().hasNext()) {
            throw new IllegalArgumentException("JetStreamTracing.withParentContext cannot add metadata to this "
                    + "JetStreamOutgoingMessage without losing its headers, subject and PubAck, because no runtime "
                    + "module keeps them as metadata; make the parent context current around the send instead");
        }
        return message.addMetadata(new ParentContextMetadata(parent));
    }
}
