package io.github.natsjetstream.benchmarks.quarkus;

import java.util.Locale;

/**
 * The result of one trial.
 *
 * @param intervals the number of messages that the measured time covers: the timed messages for
 *     outgoing, and one less for an incoming trial without warm-up, whose clock starts at its first
 *     message
 * @param thread the thread that sent (outgoing) or that ran the {@code @Incoming} method
 * @param handled messages acked (outgoing) or handed to the {@code @Incoming} method, redeliveries
 *     included
 * @param maxGapNanos the longest time between two consecutive messages handed to the
 *     {@code @Incoming} method, warm-up included; 0 for outgoing, which does not measure it
 */
record WorkloadResult(String direction, int messages, int warmupMessages, long intervals, long elapsedNanos,
        String thread, long handled, long maxGapNanos) {

    static final String PREFIX = "BENCH_RESULT";

    double rate() {
        return intervals * 1e9 / elapsedNanos;
    }

    /** Returns the result line, space-separated key=value pairs after {@link #PREFIX}. */
    String line() {
        return String.format(Locale.ROOT, "%s direction=%s messages=%d warmup-messages=%d elapsed-nanos=%d "
                + "rate=%.1f thread=%s handled=%d max-gap-ms=%d", PREFIX, direction, messages, warmupMessages,
                elapsedNanos, rate(), thread, handled, maxGapNanos / 1_000_000);
    }
}
