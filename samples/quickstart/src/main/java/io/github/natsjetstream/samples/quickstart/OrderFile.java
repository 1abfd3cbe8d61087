package io.github.natsjetstream.samples.quickstart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the orders of a run from a CSV resource with the header
 * {@code id,customer,item,quantity,unit_price}. Fields are not quoted and must not contain commas.
 */
final class OrderFile {

    static final String RESOURCE = "orders.csv";
    private static final String HEADER = "id,customer,item,quantity,unit_price";

    private OrderFile() {
    }

    /**
     * Loads every order in {@link #RESOURCE} and tags it with the run id.
     *
     * @throws IllegalStateException if the resource is missing, has another header, a malformed line
     *     or an order id twice
     */
    static List<Order> load(String runId) {
        InputStream input = OrderFile.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (input == null) {
            throw new IllegalStateException(RESOURCE + " was not found on the class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
            return parse(reader, runId);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + RESOURCE, e);
        }
    }

    private static List<Order> parse(BufferedReader reader, String runId) throws IOException {
        String header = reader.readLine();
        if (header == null || !header.trim().equals(HEADER)) {
            throw new IllegalStateException(RESOURCE + " must start with the header '" + HEADER + "', found '"
                    + header + "'");
        }

        List<Order> orders = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int lineNumber = 1;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            Order order = parseLine(line, runId, lineNumber);
            if (!ids.add(order.id())) {
                throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": order id " + order.id()
                        + " appears twice");
            }
            orders.add(order);
        }

        if (orders.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " contains no orders");
        }
        return orders;
    }

    private static Order parseLine(String line, String runId, int lineNumber) {
        String[] fields = line.split(",", -1);
        if (fields.length != 5) {
            throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": expected 5 fields, got "
                    + fields.length + " in '" + line + "'");
        }
        try {
            return new Order(runId, fields[0].trim(), fields[1].trim(), fields[2].trim(),
                    Order.parseQuantity(fields[3]), Order.parseUnitPrice(fields[4]));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": " + e.getMessage(), e);
        }
    }
}
