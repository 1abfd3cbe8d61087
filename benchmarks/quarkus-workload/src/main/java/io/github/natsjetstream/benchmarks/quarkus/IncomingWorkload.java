package io.github.natsjetstream.benchmarks.quarkus;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes channel {@code bench-in}, which the harness pre-filled with {@code bench.warmup-messages}
 * plus {@code bench.messages} messages, and acks each one. The clock runs from the last warm-up
 * message (or the first message, without warm-up) to the last message handed to the method. The
 * trial ends when every ack completed.
 *
 * <p>The method takes {@code Message<?>}, so that each connector delivers the payload type it
 * produces and the method's code is the same on both.
 */
@ApplicationScoped
public class IncomingWorkload {

    private final AtomicLong handled = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private CountDownLatch acked;
    private volatile long startNanos;
    private volatile long endNanos;
    // Written only by consume, which SmallRye calls for one message at a time.
    private volatile long lastNanos;
    private volatile long maxGapNanos;
    private volatile String thread = "none";

    @ConfigProperty(name = "bench.messages")
    int messages;

    @ConfigProperty(name = "bench.warmup-messages", defaultValue = "0")
    int warmupMessages;

    @ConfigProperty(name = "bench.timeout-seconds", defaultValue = "120")
    long timeoutSeconds;

    @PostConstruct
    void createLatch() {
        acked = new CountDownLatch(messages + warmupMessages);
    }

    @Incoming("bench-in")
    public CompletionStage<Void> consume(Message<?> message) {
        long now = System.nanoTime();
        if (lastNanos != 0) {
            maxGapNanos = Math.max(maxGapNanos, now - lastNanos);
        }
        lastNanos = now;

        long count = handled.incrementAndGet();
        if (count == Math.max(1, warmupMessages)) {
            startNanos = now;
            thread = Thread.currentThread().getName();
        }
        if (count == (long) messages + warmupMessages) {
            endNanos = now;
        }
        return message.ack().whenComplete((ignored, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            acked.countDown();
        });
    }

    WorkloadResult run() throws InterruptedException, TimeoutException {
        long total = (long) messages + warmupMessages;
        if (!acked.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new TimeoutException(handled.get() + " of " + total + " messages were handled and "
                    + (total - acked.getCount()) + " acked within " + timeoutSeconds + " s");
        }
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("An ack failed: " + error, error);
        }
        long intervals = warmupMessages == 0 ? messages - 1 : messages;
        return new WorkloadResult("incoming", messages, warmupMessages, intervals, endNanos - startNanos, thread,
                handled.get(), maxGapNanos);
    }
}
