package io.github.natsjetstream.samples.quickstart;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads orders from {@code orders.created} through the durable consumer {@code order-processor}
 * and publishes each order's total to {@code orders.processed}.
 *
 * <p>The method takes and returns payloads, so SmallRye Reactive Messaging acknowledges the
 * incoming message only after the connector has acknowledged the outgoing one, that is after
 * JetStream's PubAck for the result. If publishing the result fails, the order is nacked and
 * JetStream redelivers it.
 */
@ApplicationScoped
public class OrderProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(OrderProcessor.class);

    @Inject
    OrderLedger ledger;

    @Incoming("orders-created")
    @Outgoing("orders-processed")
    public String process(String payload) {
        Order order;
        try {
            order = Order.fromPayload(payload);
        } catch (IllegalArgumentException e) {
            // Returning null makes SmallRye acknowledge the message without sending a result, so a
            // foreign message on orders.created is dropped instead of being redelivered forever.
            LOG.warn("Skipping a message on orders.created that is not an order ({}): '{}'",
                    e.getMessage(), abbreviate(payload));
            return null;
        }

        ledger.recordProcessed(order);
        LOG.debug("Processed order {} of run {}: total {}", order.id(), order.runId(), order.total());
        return OrderResult.of(order).toPayload();
    }

    static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
