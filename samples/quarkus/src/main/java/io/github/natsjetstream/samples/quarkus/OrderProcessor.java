package io.github.natsjetstream.samples.quarkus;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads orders from the channel {@value #CHANNEL}, which the configuration binds to a durable
 * JetStream consumer. A valid order is acked after its total is computed. An order that cannot be
 * parsed is nacked, and because the channel sets {@code failure-strategy=term}, the connector
 * terminates it so that JetStream does not redeliver it.
 */
@ApplicationScoped
public class OrderProcessor {

    public static final String CHANNEL = "orders";

    private static final Logger LOG = System.getLogger(OrderProcessor.class.getName());

    @Inject
    OrderReport report;

    @Incoming(CHANNEL)
    public CompletionStage<Void> process(Message<String> message) {
        JetStreamIncomingMessage<?> incoming = message.unwrap(JetStreamIncomingMessage.class);
        List<String> orderIds = incoming.getHeaders().getOrDefault(OrderPublisher.ORDER_ID_HEADER, List.of());
        String orderId = orderIds.isEmpty() ? "(no " + OrderPublisher.ORDER_ID_HEADER + " header)" : orderIds.get(0);
        String delivery = "delivery " + incoming.getDeliveredCount() + ", stream " + incoming.getStream()
                + " sequence " + incoming.getStreamSequence();
        report.recordReceived();

        Order order;
        try {
            order = Order.parse(message.getPayload());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Nacking order {0} ({1}): {2}", orderId, delivery, e.getMessage());
            return message.nack(e).whenComplete((done, failure) ->
                    report.recordNacked(orderId, delivery, e.getMessage(), failure));
        }

        String result = "total " + order.total() + " for " + order.customer();
        LOG.log(Level.INFO, "Processed order {0} ({1}): {2}", orderId, delivery, result);
        return message.ack().whenComplete((done, failure) -> report.recordAcked(orderId, delivery, result, failure));
    }
}
