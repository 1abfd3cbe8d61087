package io.github.natsjetstream.tck.app;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.tck.app.Delivery.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code tck-messages} as {@code Message<String>}: reads the JetStream metadata through
 * {@code Message.unwrap}, nacks the first delivery of every payload that starts with
 * {@value #NACK_PREFIX} and acks every other delivery.
 */
@ApplicationScoped
public class MessageConsumer {

    public static final String CHANNEL = "tck-messages";
    public static final String NACK_PREFIX = "nack-";

    @Inject
    DeliveryLog log;

    @Incoming(CHANNEL)
    public CompletionStage<Void> consume(Message<String> message) {
        String payload = message.getPayload();
        int attempt = log.nextAttempt(CHANNEL, payload);
        Delivery delivery = readDelivery(message, payload, attempt);

        if (payload.startsWith(NACK_PREFIX) && attempt == 1) {
            IllegalStateException reason = new IllegalStateException("Rejected the first delivery of " + payload);
            return message.nack(reason).whenComplete((done, failure) ->
                    log.record(delivery.withOutcome(failure == null ? Outcome.NACKED : Outcome.ACK_FAILED)));
        }
        return message.ack().whenComplete((done, failure) ->
                log.record(delivery.withOutcome(failure == null ? Outcome.ACKED : Outcome.ACK_FAILED)));
    }

    /**
     * Reads the metadata through the connector's portable message type. A runtime that hides the
     * connector's message behind its own type makes {@code unwrap} throw, which the delivery
     * records instead of failing the method.
     */
    private static Delivery readDelivery(Message<String> message, String payload, int attempt) {
        try {
            JetStreamIncomingMessage<?> incoming = message.unwrap(JetStreamIncomingMessage.class);
            return new Delivery(CHANNEL, payload, attempt, Outcome.ACKED, incoming.getSubject(), incoming.getStream(),
                    incoming.getStreamSequence(), incoming.getDeliveredCount(), incoming.getHeaders(), "");
        } catch (RuntimeException e) {
            return new Delivery(CHANNEL, payload, attempt, Outcome.ACKED, "", "", 0, 0, Map.of(),
                    e.toString());
        }
    }
}
