package io.github.natsjetstream.outgoing;

import java.lang.System.Logger.Level;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.config.OutgoingConfig;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;

/**
 * The publish of one outgoing message (subject, body, headers), checked against what its channel
 * allows, and the way back to the message for the PubAck.
 *
 * @param headers the headers to send, or {@code null} for none
 */
record PublishRequest(Message<?> message, String subject, byte[] body, Headers headers) {

    private static final System.Logger LOG = System.getLogger(PublishRequest.class.getName());

    /**
     * Builds the request for a message. A message without a subject of its own goes to the
     * channel's subject, which the stream was checked to capture at startup.
     *
     * @throws IllegalArgumentException naming the channel, the value and the fix, when the payload
     *     type, a JetStream header or the subject is not allowed
     */
    static PublishRequest of(Message<?> message, OutgoingConfig config, StreamSubjects streamSubjects) {
        byte[] body = OutgoingPayloads.body(message.getPayload(), config.channel());
        Headers headers = OutgoingPayloads.headers(message);
        PublishHeaders.check(headers, config.channel(), streamSubjects.stream());

        String subject = OutgoingPayloads.subject(message).orElse(config.subject());
        if (!subject.equals(config.subject())) {
            streamSubjects.requireCaptured(subject);
        }
        return new PublishRequest(message, subject, body, headers);
    }

    /**
     * Stores the PubAck where the application reads it: in the shared holder of a
     * {@link JetStreamOutgoingMessage} and through every {@link OutgoingMessageDecorator}.
     */
    void recordPublishAck(PublishAck ack) {
        if (message instanceof JetStreamOutgoingMessage<?> outgoing) {
            outgoing.recordPublishAck(ack);
        }
        for (OutgoingMessageDecorator decorator : OutgoingMessageDecorator.DECORATORS) {
            try {
                decorator.publishAckReceived(message, ack);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, decorator.getClass().getName()
                        + " failed to take the PubAck of stream " + ack.getStream() + " sequence " + ack.getSeqno()
                        + "; the message is acked anyway", e);
            }
        }
    }
}
