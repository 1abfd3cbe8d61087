package io.github.natsjetstream.samples.quickstart;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory record of what the processor and the auditor saw, grouped by run id, so that the
 * summary counts only the orders of the current run. Orders of earlier runs can still arrive
 * when an earlier run stopped before all its messages were acknowledged.
 */
@ApplicationScoped
public class OrderLedger {

    private final ConcurrentMap<String, ConcurrentMap<String, AtomicInteger>> processedCounts =
            new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, List<OrderResult>>> results =
            new ConcurrentHashMap<>();

    void recordProcessed(Order order) {
        processedCounts.computeIfAbsent(order.runId(), run -> new ConcurrentHashMap<>())
                .computeIfAbsent(order.id(), id -> new AtomicInteger())
                .incrementAndGet();
    }

    void recordResult(OrderResult result) {
        results.computeIfAbsent(result.runId(), run -> new ConcurrentHashMap<>())
                .computeIfAbsent(result.orderId(), id -> new CopyOnWriteArrayList<>())
                .add(result);
    }

    /**
     * Returns how many distinct orders of the run have at least one recorded result.
     */
    int ordersWithResult(String runId) {
        return results.getOrDefault(runId, new ConcurrentHashMap<>()).size();
    }

    /**
     * Returns a copy of the run's records, keyed by order id.
     */
    Snapshot snapshot(String runId) {
        Map<String, Integer> processed = new TreeMap<>();
        processedCounts.getOrDefault(runId, new ConcurrentHashMap<>())
                .forEach((id, count) -> processed.put(id, count.get()));

        Map<String, List<BigDecimal>> totals = new TreeMap<>();
        results.getOrDefault(runId, new ConcurrentHashMap<>())
                .forEach((id, list) -> totals.put(id, list.stream().map(OrderResult::total).toList()));

        return new Snapshot(processed, totals);
    }

    /**
     * How often each order was processed, and every total the auditor received for it.
     */
    record Snapshot(Map<String, Integer> processedCounts, Map<String, List<BigDecimal>> receivedTotals) {
    }
}
