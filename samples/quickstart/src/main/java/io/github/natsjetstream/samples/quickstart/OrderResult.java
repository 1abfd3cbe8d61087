package io.github.natsjetstream.samples.quickstart;

import java.math.BigDecimal;

/**
 * The result that the order processor publishes to {@code orders.processed} for one order.
 *
 * <p>On the wire it is {@code runId,orderId,customer,total}.
 */
public record OrderResult(String runId, String orderId, String customer, BigDecimal total) {

    private static final int FIELD_COUNT = 4;

    public static OrderResult of(Order order) {
        return new OrderResult(order.runId(), order.id(), order.customer(), order.total());
    }

    public String toPayload() {
        return String.join(",", runId, orderId, customer, total.toPlainString());
    }

    /**
     * Parses a payload written by {@link #toPayload()}.
     *
     * @throws IllegalArgumentException if the payload does not have four fields or the total is not a number
     */
    public static OrderResult fromPayload(String payload) {
        String[] fields = payload.split(",", -1);
        if (fields.length != FIELD_COUNT) {
            throw new IllegalArgumentException("expected " + FIELD_COUNT + " comma-separated fields, got "
                    + fields.length);
        }
        try {
            return new OrderResult(fields[0], fields[1], fields[2], new BigDecimal(fields[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("total '" + fields[3] + "' is not a decimal number", e);
        }
    }
}
