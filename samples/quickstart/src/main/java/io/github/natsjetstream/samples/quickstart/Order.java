package io.github.natsjetstream.samples.quickstart;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An order from {@code orders.csv}, tagged with the id of the run that published it.
 *
 * <p>On the wire an order is one comma-separated line,
 * {@code runId,orderId,customer,item,quantity,unitPrice}, so no field may contain a comma.
 */
public record Order(String runId, String id, String customer, String item, int quantity, BigDecimal unitPrice) {

    private static final int FIELD_COUNT = 6;

    public Order {
        requireField("run id", runId);
        requireField("order id", id);
        requireField("customer", customer);
        requireField("item", item);
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity of order " + id + " must be positive, got " + quantity);
        }
        if (unitPrice == null || unitPrice.signum() < 0) {
            throw new IllegalArgumentException("unit price of order " + id + " must be zero or more, got " + unitPrice);
        }
    }

    /**
     * Returns quantity times unit price, rounded half up to cents.
     */
    public BigDecimal total() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
    }

    public String toPayload() {
        return String.join(",", runId, id, customer, item, Integer.toString(quantity), unitPrice.toPlainString());
    }

    /**
     * Parses a payload written by {@link #toPayload()}.
     *
     * @throws IllegalArgumentException if the payload does not have six valid fields
     */
    public static Order fromPayload(String payload) {
        String[] fields = payload.split(",", -1);
        if (fields.length != FIELD_COUNT) {
            throw new IllegalArgumentException("expected " + FIELD_COUNT + " comma-separated fields, got "
                    + fields.length);
        }
        return new Order(fields[0], fields[1], fields[2], fields[3],
                parseQuantity(fields[4]), parseUnitPrice(fields[5]));
    }

    static int parseQuantity(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quantity '" + text + "' is not an integer", e);
        }
    }

    static BigDecimal parseUnitPrice(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unit price '" + text + "' is not a decimal number", e);
        }
    }

    private static void requireField(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        if (value.contains(",")) {
            throw new IllegalArgumentException(name + " '" + value + "' contains a comma");
        }
    }
}
