package io.github.natsjetstream.benchmarks;

import java.util.concurrent.locks.LockSupport;

/**
 * Sends messages on a fixed schedule: message i is due at {@code start + i / rate}. A late sender
 * catches up by sending every message that is already due, so the schedule, not the sender's speed,
 * sets the rate. Latency is measured from the due time, so delays of the sender count as latency
 * (no coordinated omission).
 */
final class Pacer {

    @FunctionalInterface
    interface Send {
        void send(int index, long dueNanos) throws Exception;
    }

    private Pacer() {
    }

    /** Sends {@code messages} messages at {@code rate} msgs/s and returns the nanoTime after the last send. */
    static long run(int rate, int messages, Send send) throws Exception {
        double periodNanos = 1e9 / rate;
        long start = System.nanoTime() + 1_000_000;
        int index = 0;
        while (index < messages) {
            long now = System.nanoTime();
            while (index < messages && due(start, periodNanos, index) <= now) {
                send.send(index, due(start, periodNanos, index));
                index++;
            }
            if (index < messages) {
                long wait = due(start, periodNanos, index) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        return System.nanoTime();
    }

    private static long due(long start, double periodNanos, int index) {
        return start + (long) (index * periodNanos);
    }
}
