package io.github.natsjetstream.samples.quarkus;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An order as it travels on the wire: one comma-separated line,
 * {@code id,customer,item,quantity,unitPrice}, for example {@code A-1,alice,book,2,12.50}.
 */
public record Order(String id, String customer, String item, int quantity, BigDecimal unitPrice) {

    private static final int FIELD_COUNT = 5;

    public Order {
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

    /** Returns quantity times unit price, rounded half up to cents. */
    public BigDecimal total() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * Parses one order line.
     *
     * @throws IllegalArgumentException if the line does not have five valid fields
     */
    public static Order parse(String line) {
        String[] fields = line.strip().split(",", -1);
        if (fields.length != FIELD_COUNT) {
            throw new IllegalArgumentException("expected " + FIELD_COUNT
                    + " comma-separated fields (id,customer,item,quantity,unitPrice), got " + fields.length);
        }
        return new Order(fields[0].strip(), fields[1].strip(), fields[2].strip(),
                parseQuantity(fields[3]), parseUnitPrice(fields[4]));
    }

    /** Returns the text before the first comma, which is the order id of a well-formed line. */
    public static String idOf(String line) {
        int comma = line.indexOf(',');
        return (comma < 0 ? line : line.substring(0, comma)).strip();
    }

    private static int parseQuantity(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quantity '" + text + "' is not an integer", e);
        }
    }

    private static BigDecimal parseUnitPrice(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unit price '" + text + "' is not a decimal number", e);
        }
    }

    private static void requireField(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }
}
