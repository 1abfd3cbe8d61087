package io.github.natsjetstream.outgoing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A message to publish with NATS headers, usable on every MicroProfile runtime.
 *
 * <p>Instances are immutable; each {@code with...} method returns a copy. The connector acks the
 * message after the JetStream PubAck and nacks it when the publish fails.
 *
 * <pre>{@code
 * emitter.send(JetStreamOutgoingMessage.of(payload)
 *         .withHeader("Order-Id", orderId)
 *         .withAck(() -> ...));
 * }</pre>
 *
 * @param <T> payload type; the connector publishes {@code byte[]} as is and {@code String} as UTF-8
 */
public class JetStreamOutgoingMessage<T> implements Message<T> {

    private static final Supplier<CompletionStage<Void>> NO_ACK = () -> CompletableFuture.completedFuture(null);
    private static final Function<Throwable, CompletionStage<Void>> NO_NACK =
            reason -> CompletableFuture.completedFuture(null);

    private final T payload;
    private final Map<String, List<String>> headers;
    private final Supplier<CompletionStage<Void>> ack;
    private final Function<Throwable, CompletionStage<Void>> nack;

    private JetStreamOutgoingMessage(T payload, Map<String, List<String>> headers,
                                     Supplier<CompletionStage<Void>> ack,
                                     Function<Throwable, CompletionStage<Void>> nack) {
        this.payload = Objects.requireNonNull(payload, "payload");
        this.headers = headers;
        this.ack = ack;
        this.nack = nack;
    }

    /**
     * Creates a copy of {@code original}, for the subclasses that an {@link OutgoingMessageDecorator}
     * returns to add a runtime-specific view of the headers.
     */
    protected JetStreamOutgoingMessage(JetStreamOutgoingMessage<T> original) {
        this(original.payload, original.headers, original.ack, original.nack);
    }

    public static <T> JetStreamOutgoingMessage<T> of(T payload) {
        return create(payload, Map.of(), NO_ACK, NO_NACK);
    }

    private static <P> JetStreamOutgoingMessage<P> create(P payload, Map<String, List<String>> headers,
                                                          Supplier<CompletionStage<Void>> ack,
                                                          Function<Throwable, CompletionStage<Void>> nack) {
        JetStreamOutgoingMessage<P> message = new JetStreamOutgoingMessage<>(payload, headers, ack, nack);
        for (OutgoingMessageDecorator decorator : OutgoingMessageDecorator.DECORATORS) {
            message = decorator.decorate(message);
        }
        return message;
    }

    /** Returns a copy with the header set to these values, replacing earlier values of that header. */
    public JetStreamOutgoingMessage<T> withHeader(String name, String... values) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.put(name, List.of(values));
        return create(payload, Collections.unmodifiableMap(copy), ack, nack);
    }

    /** Returns a copy with all these headers added, each with every value kept. */
    public JetStreamOutgoingMessage<T> withHeaders(Map<String, List<String>> added) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        added.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return create(payload, Collections.unmodifiableMap(copy), ack, nack);
    }

    @Override
    public <P> JetStreamOutgoingMessage<P> withPayload(P newPayload) {
        return create(newPayload, headers, ack, nack);
    }

    @Override
    public JetStreamOutgoingMessage<T> withAck(Supplier<CompletionStage<Void>> newAck) {
        return create(payload, headers, Objects.requireNonNull(newAck, "ack"), nack);
    }

    @Override
    public JetStreamOutgoingMessage<T> withNack(Function<Throwable, CompletionStage<Void>> newNack) {
        return create(payload, headers, ack, Objects.requireNonNull(newNack, "nack"));
    }

    @Override
    public T getPayload() {
        return payload;
    }

    /** Headers to publish; unmodifiable. */
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public Supplier<CompletionStage<Void>> getAck() {
        return ack;
    }

    @Override
    public Function<Throwable, CompletionStage<Void>> getNack() {
        return nack;
    }

    @Override
    public CompletionStage<Void> ack() {
        return ack.get();
    }

    @Override
    public CompletionStage<Void> nack(Throwable reason) {
        return nack.apply(reason);
    }
}
