package io.github.natsjetstream.samples.quickstart;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes orders to the {@code new-orders} channel, which the configuration maps to the
 * {@code orders.created} subject.
 */
@ApplicationScoped
public class OrderPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(OrderPublisher.class);

    @Inject
    @Channel("new-orders")
    Emitter<String> emitter;

    /**
     * Sends the orders one at a time and waits for each send's completion stage, which the
     * connector completes when JetStream returns the PubAck and fails when the publish fails.
     * Orders that are still unsent at the deadline are reported as failed.
     */
    public PublishOutcome publishAll(List<Order> orders, Instant deadline) {
        List<String> acknowledged = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();

        for (Order order : orders) {
            Duration remaining = Duration.between(Instant.now(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                failures.put(order.id(), "not sent because the deadline passed");
                continue;
            }

            String failure = send(order, remaining);
            if (failure == null) {
                acknowledged.add(order.id());
            } else {
                LOG.error("Publishing order {} failed: {}", order.id(), failure);
                failures.put(order.id(), failure);
            }
        }
        return new PublishOutcome(acknowledged, failures);
    }

    /**
     * Sends one order and returns null on PubAck, otherwise the reason it failed.
     */
    private String send(Order order, Duration timeout) {
        try {
            emitter.send(order.toPayload()).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return "the connector nacked the message: " + e.getCause();
        } catch (TimeoutException e) {
            return "no PubAck within " + timeout.toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the PubAck";
        } catch (RuntimeException e) {
            // Emitter.send throws when the channel is cancelled or its buffer is full.
            return "the emitter rejected the message: " + e;
        }
    }

    /**
     * Ids of the orders that got a PubAck, and the reason for each order that did not.
     */
    public record PublishOutcome(List<String> acknowledged, Map<String, String> failures) {
    }
}
