package io.github.natsjetstream.smallrye;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nats.client.support.NatsJetStreamConstants;

/**
 * SmallRye metadata with what to publish besides the payload: NATS headers, including the
 * JetStream ones for deduplication and expectations, and a subject of the message's own.
 *
 * <p>A {@code JetStreamOutgoingMessage} carries it when this jar is on the class path, so its
 * headers and subject survive runtimes that re-wrap messages. It can also be added to any message;
 * add SmallRye's {@code OutgoingMessageMetadata} as well to read the PubAck once the message is
 * acked:
 *
 * <pre>{@code
 * OutgoingMessageMetadata<PublishAck> result = new OutgoingMessageMetadata<>();
 * Message<String> message = Message.of(payload)
 *         .addMetadata(new JetStreamOutgoingMetadata().withSubject("orders.eu").withMessageId(orderId))
 *         .addMetadata(result);
 * // After the ack: result.getResult().getSeqno()
 * }</pre>
 *
 * <p>The connector applies the same rules as for {@code JetStreamOutgoingMessage}: the subject must
 * be captured by the channel's stream, and a message that breaks a rule is nacked before it is sent.
 *
 * @param headers every header with all its values
 * @param subject the subject to publish to, or {@code null} for the channel's {@code subject}
 */
public record JetStreamOutgoingMetadata(Map<String, List<String>> headers, String subject) {

    public JetStreamOutgoingMetadata {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        if (subject != null && subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank. Use null for the channel's subject.");
        }
    }

    /** Creates metadata with these headers, for the channel's subject. */
    public JetStreamOutgoingMetadata(Map<String, List<String>> headers) {
        this(headers, null);
    }

    /** Creates metadata without headers, for the channel's subject. */
    public JetStreamOutgoingMetadata() {
        this(Map.of(), null);
    }

    /** Returns a copy that publishes to this subject instead of the channel's. */
    public JetStreamOutgoingMetadata withSubject(String newSubject) {
        return new JetStreamOutgoingMetadata(headers, requireText(newSubject, "subject"));
    }

    /** Returns a copy with the header set to these values, replacing earlier values of that header. */
    public JetStreamOutgoingMetadata withHeader(String name, String... values) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.put(name, List.of(values));
        return new JetStreamOutgoingMetadata(copy, subject);
    }

    /** Returns a copy with the {@code Nats-Msg-Id} header, which the stream deduplicates on. */
    public JetStreamOutgoingMetadata withMessageId(String messageId) {
        return withHeader(NatsJetStreamConstants.MSG_ID_HDR, requireText(messageId, "messageId"));
    }

    /** Returns a copy with the {@code Nats-Expected-Last-Sequence} header, 0 for an empty stream. */
    public JetStreamOutgoingMetadata withExpectedLastSequence(long sequence) {
        return withHeader(NatsJetStreamConstants.EXPECTED_LAST_SEQ_HDR, sequenceText(sequence, "expectedLastSequence"));
    }

    /** Returns a copy with the {@code Nats-Expected-Last-Subject-Sequence} header, 0 for no message on the subject. */
    public JetStreamOutgoingMetadata withExpectedLastSubjectSequence(long sequence) {
        return withHeader(NatsJetStreamConstants.EXPECTED_LAST_SUB_SEQ_HDR,
                sequenceText(sequence, "expectedLastSubjectSequence"));
    }

    /** Returns a copy with the {@code Nats-Expected-Last-Msg-Id} header. */
    public JetStreamOutgoingMetadata withExpectedLastMessageId(String messageId) {
        return withHeader(NatsJetStreamConstants.EXPECTED_LAST_MSG_ID_HDR, requireText(messageId, "messageId"));
    }

    /** Returns a copy with the {@code Nats-Expected-Stream} header, which must name the channel's stream. */
    public JetStreamOutgoingMetadata withExpectedStream(String stream) {
        return withHeader(NatsJetStreamConstants.EXPECTED_STREAM_HDR, requireText(stream, "stream"));
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be null or blank, but was '" + value + "'");
        }
        return value;
    }

    private static String sequenceText(long sequence, String name) {
        if (sequence < 0) {
            throw new IllegalArgumentException(name + " must be 0 or more, but was " + sequence);
        }
        return String.valueOf(sequence);
    }
}
