package io.github.natsjetstream.samples.quickstart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks what the run's own beans recorded: every order published with a PubAck, processed
 * once, and its correct result received once by the auditor.
 */
final class MessageChecks {

    private static final int MAX_IDS_SHOWN = 5;

    private MessageChecks() {
    }

    static List<Check> verify(List<Order> orders, OrderPublisher.PublishOutcome published, OrderLedger.Snapshot ledger) {
        List<Check> checks = new ArrayList<>();
        checks.add(checkPublished(orders, published));
        checks.add(checkProcessedOnce(orders, ledger.processedCounts()));
        checks.add(checkResultsReceivedOnce(orders, ledger.receivedTotals()));
        checks.add(checkTotals(orders, ledger.receivedTotals()));
        return checks;
    }

    private static Check checkPublished(List<Order> orders, OrderPublisher.PublishOutcome published) {
        int acknowledged = published.acknowledged().size();
        String detail = acknowledged + "/" + orders.size();
        if (!published.failures().isEmpty()) {
            detail += ", failed: " + published.failures().entrySet().stream()
                    .limit(MAX_IDS_SHOWN)
                    .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                    .collect(Collectors.joining(", "));
        }
        return Check.of("published to orders.created with a PubAck", acknowledged == orders.size(), detail);
    }

    private static Check checkProcessedOnce(List<Order> orders, Map<String, Integer> processedCounts) {
        List<String> missing = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (Order order : orders) {
            int count = processedCounts.getOrDefault(order.id(), 0);
            if (count == 0) {
                missing.add(order.id());
            } else if (count > 1) {
                duplicates.add(order.id() + " x" + count);
            }
        }
        return countCheck("processed exactly once by order-processor", orders.size(), missing, duplicates);
    }

    private static Check checkResultsReceivedOnce(List<Order> orders, Map<String, List<BigDecimal>> receivedTotals) {
        List<String> missing = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (Order order : orders) {
            int count = receivedTotals.getOrDefault(order.id(), List.of()).size();
            if (count == 0) {
                missing.add(order.id());
            } else if (count > 1) {
                duplicates.add(order.id() + " x" + count);
            }
        }
        return countCheck("result on orders.processed received exactly once by order-auditor", orders.size(),
                missing, duplicates);
    }

    private static Check checkTotals(List<Order> orders, Map<String, List<BigDecimal>> receivedTotals) {
        List<String> wrong = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Order order : orders) {
            for (BigDecimal total : receivedTotals.getOrDefault(order.id(), List.of())) {
                if (total.compareTo(order.total()) != 0) {
                    wrong.add(order.id() + " expected " + order.total() + " got " + total);
                }
            }
            sum = sum.add(order.total());
        }
        String detail = wrong.isEmpty()
                ? "all received totals match, sum of all orders " + sum
                : "wrong: " + firstIds(wrong);
        return Check.of("result totals match orders.csv", wrong.isEmpty(), detail);
    }

    private static Check countCheck(String name, int expected, List<String> missing, List<String> duplicates) {
        int once = expected - missing.size() - duplicates.size();
        StringBuilder detail = new StringBuilder()
                .append(once).append('/').append(expected)
                .append(", missing ").append(missing.size())
                .append(", more than once ").append(duplicates.size());
        if (!missing.isEmpty()) {
            detail.append(", missing: ").append(firstIds(missing));
        }
        if (!duplicates.isEmpty()) {
            detail.append(", more than once: ").append(firstIds(duplicates));
        }
        return Check.of(name, missing.isEmpty() && duplicates.isEmpty(), detail.toString());
    }

    private static String firstIds(List<String> ids) {
        String listed = ids.stream().limit(MAX_IDS_SHOWN).collect(Collectors.joining(", "));
        return ids.size() > MAX_IDS_SHOWN ? listed + " and " + (ids.size() - MAX_IDS_SHOWN) + " more" : listed;
    }
}
