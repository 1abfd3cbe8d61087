package io.github.natsjetstream.tck.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The deliveries of both incoming channels in the order the methods finished with them, and
 * the number of deliveries of each payload so far.
 */
@ApplicationScoped
public class DeliveryLog {

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    /** Counts a delivery of the payload on the channel and returns its number, starting at 1. */
    public int nextAttempt(String channel, String payload) {
        return attempts.merge(channel + "\n" + payload, 1, Integer::sum);
    }

    public void record(Delivery delivery) {
        deliveries.add(delivery);
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }
}
