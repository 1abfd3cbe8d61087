package io.github.natsjetstream.incoming;

import java.lang.System.Logger.Level;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.spi.ChannelObservers;
import io.github.natsjetstream.spi.IncomingObservation;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsJetStreamMetaData;

/**
 * A message pulled from a JetStream consumer.
 *
 * <p>Applications reach it on every runtime with {@code message.unwrap(JetStreamIncomingMessage.class)}
 * to read the subject, stream, sequences, delivery count and headers. {@code unwrap(io.nats.client.Message.class)}
 * returns the jnats message.
 *
 * <p>Subclasses exist only to add runtime-specific views; they must not change acking.
 *
 * <p>{@link #ack()} sends a JetStream ack and {@link #nack(Throwable)} a nak, which makes the server
 * redeliver the message at once. Only the first of them takes effect; later calls complete at once.
 *
 * @param <T> payload type: {@code byte[]}, {@code String} or the {@code payload-class} of JSON, as the
 *            channel's {@code payload-type} sets
 */
public class JetStreamIncomingMessage<T> implements Message<T> {

    private static final System.Logger LOG = System.getLogger(JetStreamIncomingMessage.class.getName());
    private static final ChannelObservers OBSERVERS = ChannelObservers.loaded();

    private final io.nats.client.Message raw;
    private final T payload;
    private final String channel;
    private final FailureStrategy failureStrategy;
    private final Runnable onSettled;
    private final Delivery delivery;

    JetStreamIncomingMessage(io.nats.client.Message raw, T payload, String channel, FailureStrategy failureStrategy,
                             Runnable onSettled) {
        this.raw = raw;
        this.payload = payload;
        this.channel = channel;
        this.failureStrategy = failureStrategy;
        this.onSettled = onSettled;
        this.delivery = new Delivery();
    }

    /**
     * Creates a message that stands for {@code original}: acking either acks the same JetStream
     * message once. Runtime-specific modules extend this class through an
     * {@link IncomingMessageDecorator} to add what their runtime offers, such as SmallRye metadata.
     */
    protected JetStreamIncomingMessage(JetStreamIncomingMessage<T> original) {
        this(original, original.payload);
    }

    private JetStreamIncomingMessage(JetStreamIncomingMessage<?> original, T payload) {
        this.raw = original.raw;
        this.payload = payload;
        this.channel = original.channel;
        this.failureStrategy = original.failureStrategy;
        this.onSettled = original.onSettled;
        this.delivery = original.delivery;
    }

    /**
     * Returns a copy with another payload that acks the same JetStream message once, with the
     * runtime's decorations. Runtimes call this when a converter changes the payload, so that
     * {@code unwrap(JetStreamIncomingMessage.class)} and the metadata still work on the result.
     */
    @Override
    public <P> JetStreamIncomingMessage<P> withPayload(P newPayload) {
        return IncomingMessageDecorator.decorateAll(new JetStreamIncomingMessage<>(this, newPayload));
    }

    @Override
    public T getPayload() {
        return payload;
    }

    /** Sends the JetStream ack. The stage completes once the ack is written to the connection. */
    @Override
    public CompletionStage<Void> ack() {
        if (!delivery.settled.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            raw.ack();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Channel ''{0}'' failed to ack stream {1} sequence {2} (consumer {3}); the server "
                    + "redelivers it after ack-wait: {4}", channel, getStream(), String.valueOf(getStreamSequence()),
                    getConsumer(),
                    e.toString());
            return CompletableFuture.failedFuture(e);
        } finally {
            observeAck();
            onSettled.run();
        }
    }

    /**
     * Applies the channel's {@code failure-strategy}: by default a nak, so the server redelivers
     * the message. The stage completes when the outcome was sent to the server.
     */
    @Override
    public CompletionStage<Void> nack(Throwable reason) {
        if (!delivery.settled.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        observeNack(reason);

        CompletionStage<Void> outcome;
        try {
            outcome = failureStrategy.apply(this, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Channel ''{0}'' failed to settle stream {1} sequence {2} after a nack; the "
                    + "server redelivers it after ack-wait: {3}", channel, getStream(),
                    String.valueOf(getStreamSequence()),
                    e.toString());
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.whenComplete((ignored, failure) -> onSettled.run());
    }

    @Override
    public Supplier<CompletionStage<Void>> getAck() {
        return this::ack;
    }

    @Override
    public Function<Throwable, CompletionStage<Void>> getNack() {
        return this::nack;
    }

    @Override
    public <C> C unwrap(Class<C> type) {
        if (type.isInstance(raw)) {
            return type.cast(raw);
        }
        return Message.super.unwrap(type);
    }

    /** Reports the hand-over to the channel observers, if any are loaded. */
    void startObservation() {
        if (!OBSERVERS.isEmpty()) {
            delivery.observation = OBSERVERS.received(channel, this);
        }
    }

    private void observeAck() {
        IncomingObservation current = delivery.observation;
        if (current != null) {
            ChannelObservers.acked(channel, current);
        }
    }

    private void observeNack(Throwable reason) {
        IncomingObservation current = delivery.observation;
        if (current != null) {
            ChannelObservers.nacked(channel, current, reason);
        }
    }

    io.nats.client.Message raw() {
        return raw;
    }

    String channel() {
        return channel;
    }

    /** Returns whether the message was acked or nacked. */
    boolean isSettled() {
        return delivery.settled.get();
    }

    public String getSubject() {
        return raw.getSubject();
    }

    public String getStream() {
        return metaData().getStream();
    }

    public String getConsumer() {
        return metaData().getConsumer();
    }

    public long getStreamSequence() {
        return metaData().streamSequence();
    }

    public long getConsumerSequence() {
        return metaData().consumerSequence();
    }

    /** Delivery count, starting at 1 for the first delivery. */
    public long getDeliveredCount() {
        return metaData().deliveredCount();
    }

    /** Time the message was stored in the stream. */
    public ZonedDateTime getTimestamp() {
        return metaData().timestamp();
    }

    /** Messages left for the consumer after this one, as the server reported at delivery. */
    public long getPendingCount() {
        return metaData().pendingCount();
    }

    /** Returns all headers, each with every value in the order received, or an empty map. */
    public Map<String, List<String>> getHeaders() {
        Headers headers = raw.getHeaders();
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.entrySet().forEach(entry -> copy.put(entry.getKey(),
                Collections.unmodifiableList(new ArrayList<>(entry.getValue()))));
        return Collections.unmodifiableMap(copy);
    }

    private NatsJetStreamMetaData metaData() {
        return raw.metaData();
    }

    @Override
    public String toString() {
        return "JetStreamIncomingMessage[channel=" + channel + ", subject=" + getSubject() + ", stream=" + getStream()
                + ", sequence=" + getStreamSequence() + ", delivery=" + getDeliveredCount() + "]";
    }

    /** The state that every copy of one delivery shares: copies must be settled only once. */
    private static final class Delivery {

        final AtomicBoolean settled = new AtomicBoolean();
        /** Set at the hand-over to the application, and only while a channel observer is loaded. */
        volatile IncomingObservation observation;
    }
}
