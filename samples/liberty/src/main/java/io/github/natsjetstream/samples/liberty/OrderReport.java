package io.github.natsjetstream.samples.liberty;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Counts and per-delivery lines of the orders that {@link OrderProcessor} received, acked and nacked since start-up. */
@ApplicationScoped
public class OrderReport {

    private int received;
    private int acked;
    private int nacked;
    private int failed;
    private final List<String> lines = new ArrayList<>();

    synchronized void recordReceived() {
        received++;
    }

    /** Records an ack. {@code failure} is null, or the error of an ack that the connector could not send. */
    synchronized void recordAcked(String orderId, String delivery, String result, Throwable failure) {
        if (failure == null) {
            acked++;
            lines.add("acked  " + orderId + " (" + delivery + "): " + result);
        } else {
            failed++;
            lines.add("ack failed " + orderId + " (" + delivery + "): " + failure);
        }
    }

    /** Records a nack. {@code failure} is null, or the error of a nack that the connector could not send. */
    synchronized void recordNacked(String orderId, String delivery, String reason, Throwable failure) {
        if (failure == null) {
            nacked++;
            lines.add("nacked " + orderId + " (" + delivery + "): " + reason);
        } else {
            failed++;
            lines.add("nack failed " + orderId + " (" + delivery + "): " + failure);
        }
    }

    /** Returns a summary line followed by one line per processed delivery, oldest first. */
    public synchronized String toText() {
        StringBuilder text = new StringBuilder()
                .append("received ").append(received)
                .append(", acked ").append(acked)
                .append(", nacked ").append(nacked)
                .append(", ack or nack failed ").append(failed)
                .append('\n');
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.toString();
    }
}
