package io.github.natsjetstream.samples.quickstart;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads results from {@code orders.processed} through the durable consumer {@code order-auditor}
 * and records them in the {@link OrderLedger}. Each message is acknowledged when this method returns.
 */
@ApplicationScoped
public class OrderAuditor {

    private static final Logger LOG = LoggerFactory.getLogger(OrderAuditor.class);

    @Inject
    OrderLedger ledger;

    @Incoming("order-results")
    public void audit(String payload) {
        OrderResult result;
        try {
            result = OrderResult.fromPayload(payload);
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping a message on orders.processed that is not an order result ({}): '{}'",
                    e.getMessage(), OrderProcessor.abbreviate(payload));
            return;
        }

        ledger.recordResult(result);
        LOG.info("Audited order {} of run {}: {} owes {}",
                result.orderId(), result.runId(), result.customer(), result.total());
    }
}
