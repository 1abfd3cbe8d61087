package io.github.natsjetstream.outgoing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.nats.client.api.PublishAck;
import io.nats.client.support.NatsJetStreamConstants;

/**
 * A message to publish with NATS headers, a subject of its own and JetStream publish
 * expectations, usable on every MicroProfile runtime.
 *
 * <p>Instances are immutable; each {@code with...} method returns a copy. The connector acks the
 * message after the JetStream PubAck and nacks it when the publish fails or the message breaks a
 * rule below.
 *
 * <pre>{@code
 * JetStreamOutgoingMessage<String> message = JetStreamOutgoingMessage.of(payload)
 *         .withSubject("orders.eu")
 *         .withMessageId(orderId)
 *         .withHeader("Order-Id", orderId);
 * emitter.send(message.withAck(() -> {
 *     long sequence = message.getPublishAck().orElseThrow().getSeqno();
 *     ...
 *     return CompletableFuture.completedFuture(null);
 * }));
 * }</pre>
 *
 * <p>Rules the connector checks before it sends a message:
 * <ul>
 *   <li>{@link #withSubject} must name a subject without wildcards that one of the subjects of the
 *       channel's stream captures, for example {@code orders.eu} for a stream with {@code orders.>}.</li>
 *   <li>{@link #withExpectedStream} must name the channel's stream, because the channel publishes
 *       only to that stream.</li>
 *   <li>The headers {@code Nats-Expected-Last-Sequence} and {@code Nats-Expected-Last-Subject-Sequence}
 *       must be numbers of 0 or more.</li>
 * </ul>
 *
 * <p>PubAck: every copy made with a {@code with...} method or by an {@link OutgoingMessageDecorator}
 * shares one PubAck holder. The connector usually receives a copy, not the instance the application
 * kept, for example the one {@link #withAck} returned. It stores the PubAck in the shared holder
 * before it acks the message, so {@link #getPublishAck()} returns it on every copy, in the ack
 * callback and after it. A runtime that re-wraps the message into a plain {@code Message} (Quarkus
 * does for what an {@code Emitter} sends) breaks that link, and drops the subject and headers,
 * unless a decorator carries them, as {@code nats-jetstream-smallrye} does. Build a new message with {@link #of} for each send: copies
 * of a message that was sent twice hold the PubAck of whichever publish completed last.
 *
 * @param <T> payload type. The connector publishes {@code byte[]} as is, {@code String} as UTF-8 and
 *            other objects as JSON.
 */
public class JetStreamOutgoingMessage<T> implements Message<T> {

    private static final Supplier<CompletionStage<Void>> NO_ACK = () -> CompletableFuture.completedFuture(null);
    private static final Function<Throwable, CompletionStage<Void>> NO_NACK =
            reason -> CompletableFuture.completedFuture(null);

    private final T payload;
    private final Map<String, List<String>> headers;
    private final String subject;
    private final Supplier<CompletionStage<Void>> ack;
    private final Function<Throwable, CompletionStage<Void>> nack;
    private final AtomicReference<PublishAck> publishAck;

    private JetStreamOutgoingMessage(T payload, Map<String, List<String>> headers, String subject,
                                     Supplier<CompletionStage<Void>> ack,
                                     Function<Throwable, CompletionStage<Void>> nack,
                                     AtomicReference<PublishAck> publishAck) {
        this.payload = Objects.requireNonNull(payload, "payload");
        this.headers = headers;
        this.subject = subject;
        this.ack = ack;
        this.nack = nack;
        this.publishAck = publishAck;
    }

    /**
     * Creates a copy of {@code original} that shares its PubAck holder, for the subclasses that an
     * {@link OutgoingMessageDecorator} returns to add a runtime-specific view of the message.
     */
    protected JetStreamOutgoingMessage(JetStreamOutgoingMessage<T> original) {
        this(original.payload, original.headers, original.subject, original.ack, original.nack, original.publishAck);
    }

    public static <T> JetStreamOutgoingMessage<T> of(T payload) {
        return create(payload, Map.of(), null, NO_ACK, NO_NACK, new AtomicReference<>());
    }

    private static <P> JetStreamOutgoingMessage<P> create(P payload, Map<String, List<String>> headers, String subject,
                                                          Supplier<CompletionStage<Void>> ack,
                                                          Function<Throwable, CompletionStage<Void>> nack,
                                                          AtomicReference<PublishAck> publishAck) {
        JetStreamOutgoingMessage<P> message = new JetStreamOutgoingMessage<>(payload, headers, subject, ack, nack,
                publishAck);
        for (OutgoingMessageDecorator decorator : OutgoingMessageDecorator.DECORATORS) {
            message = decorator.decorate(message);
        }
        return message;
    }

    private JetStreamOutgoingMessage<T> copy(Map<String, List<String>> newHeaders, String newSubject) {
        return create(payload, newHeaders, newSubject, ack, nack, publishAck);
    }

    /** Returns a copy with the header set to these values, replacing earlier values of that header. */
    public JetStreamOutgoingMessage<T> withHeader(String name, String... values) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.put(name, List.of(values));
        return copy(Collections.unmodifiableMap(copy), subject);
    }

    /** Returns a copy with all these headers added, each with every value kept. */
    public JetStreamOutgoingMessage<T> withHeaders(Map<String, List<String>> added) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        added.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return copy(Collections.unmodifiableMap(copy), subject);
    }

    /**
     * Returns a copy that is published to this subject instead of the channel's {@code subject}.
     * The connector nacks the message when no subject of the channel's stream captures it.
     */
    public JetStreamOutgoingMessage<T> withSubject(String newSubject) {
        return copy(headers, PublishHeaders.requireText(newSubject, "subject"));
    }

    /**
     * Returns a copy with the {@code Nats-Msg-Id} header: the stream stores only the first message
     * with a given id within its duplicate window (2 minutes by default). It replies to later ones
     * with a PubAck marked duplicate, and the connector acks those as stored.
     */
    public JetStreamOutgoingMessage<T> withMessageId(String messageId) {
        return withHeader(NatsJetStreamConstants.MSG_ID_HDR, PublishHeaders.requireText(messageId, "messageId"));
    }

    /**
     * Returns a copy with the {@code Nats-Expected-Last-Sequence} header: the stream stores the
     * message only if its last message has this sequence, 0 for an empty stream.
     */
    public JetStreamOutgoingMessage<T> withExpectedLastSequence(long sequence) {
        return withHeader(NatsJetStreamConstants.EXPECTED_LAST_SEQ_HDR,
                PublishHeaders.sequenceText(sequence, "expectedLastSequence"));
    }

    /**
     * Returns a copy with the {@code Nats-Expected-Last-Subject-Sequence} header: the stream stores
     * the message only if the last message on the message's subject has this stream sequence, 0 for
     * none.
     */
    public JetStreamOutgoingMessage<T> withExpectedLastSubjectSequence(long sequence) {
        return withHeader(NatsJetStreamConstants.EXPECTED_LAST_SUB_SEQ_HDR,
                PublishHeaders.sequenceText(sequence, "expectedLastSubjectSequence"));
    }

    /**
     * Returns a copy with the {@code Nats-Expected-Last-Msg-Id} header: the stream stores the
     * message only if its last message has this {@code Nats-Msg-Id}.
     */
    public JetStreamOutgoingMessage<T> withExpectedLastMessageId(String messageId) {
        return withHeader(NatsJetStreamConstants.EXPECTED_LAST_MSG_ID_HDR,
                PublishHeaders.requireText(messageId, "messageId"));
    }

    /**
     * Returns a copy with the {@code Nats-Expected-Stream} header, so that the server rejects the
     * publish unless this stream stores it. The connector nacks a message that names another
     * stream than the channel's before sending it.
     */
    public JetStreamOutgoingMessage<T> withExpectedStream(String stream) {
        return withHeader(NatsJetStreamConstants.EXPECTED_STREAM_HDR, PublishHeaders.requireText(stream, "stream"));
    }

    @Override
    public <P> JetStreamOutgoingMessage<P> withPayload(P newPayload) {
        return create(newPayload, headers, subject, ack, nack, publishAck);
    }

    @Override
    public JetStreamOutgoingMessage<T> withAck(Supplier<CompletionStage<Void>> newAck) {
        return create(payload, headers, subject, Objects.requireNonNull(newAck, "ack"), nack, publishAck);
    }

    @Override
    public JetStreamOutgoingMessage<T> withNack(Function<Throwable, CompletionStage<Void>> newNack) {
        return create(payload, headers, subject, ack, Objects.requireNonNull(newNack, "nack"), publishAck);
    }

    @Override
    public T getPayload() {
        return payload;
    }

    /** Headers to publish, including those the {@code with...} methods for JetStream set; unmodifiable. */
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    /** Subject set with {@link #withSubject}, or empty when the message goes to the channel's subject. */
    public Optional<String> getSubject() {
        return Optional.ofNullable(subject);
    }

    /**
     * Returns the PubAck once JetStream has stored the message (stream, sequence, duplicate flag),
     * or empty before that and after a failed publish. The connector sets it before it acks the
     * message, so it is present in the ack callback.
     */
    public Optional<PublishAck> getPublishAck() {
        return Optional.ofNullable(publishAck.get());
    }

    /**
     * Stores the PubAck in the holder that all copies of this message share. The connector calls it,
     * and so do subclasses when the message reached the connector inside a runtime's wrapper.
     */
    protected final void recordPublishAck(PublishAck received) {
        publishAck.set(Objects.requireNonNull(received, "publishAck"));
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
