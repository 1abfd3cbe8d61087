package io.github.natsjetstream;

/**
 * A JSON payload for the payload tests. Public fields and a public no-argument constructor suit
 * both Jackson and JSON-B without annotations.
 */
public class OrderPayload {

    public String id;
    public int quantity;

    public OrderPayload() {
    }

    public OrderPayload(String id, int quantity) {
        this.id = id;
        this.quantity = quantity;
    }
}
