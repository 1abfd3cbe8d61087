package io.github.natsjetstream.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The state that one measurement shares with the bean classes in its Weld container: the payload
 * and message count for publishers, the handler for consumers, and the counters the measurement
 * waits on.
 *
 * <p>The beans are plain CDI beans with no way to receive constructor arguments from the harness, so
 * they read the trial through {@link #current()}. Only one trial runs at a time.
 */
final class Trial {

    private static volatile Trial current;

    private final byte[] payload;
    private final int messages;
    private final Consumer<byte[]> handler;
    /** Completed with {@code TRUE} to let the {@code @Outgoing} generator start. */
    private final CompletableFuture<Boolean> start = new CompletableFuture<>();
    private final CountDownLatch done;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long firstCompletedNanos;
    private volatile long lastCompletedNanos;

    private Trial(byte[] payload, int messages, Consumer<byte[]> handler) {
        this.payload = payload;
        this.messages = messages;
        this.handler = handler;
        this.done = new CountDownLatch(messages);
    }

    /** Creates a publishing trial and makes it the current one. */
    static Trial publishing(byte[] payload, int messages) {
        Trial trial = new Trial(payload, messages, ignored -> {
        });
        current = trial;
        return trial;
    }

    /** Creates a consuming trial whose {@code @Incoming} method passes each payload to the handler. */
    static Trial consuming(int messages, Consumer<byte[]> handler) {
        Trial trial = new Trial(new byte[0], messages, handler);
        current = trial;
        return trial;
    }

    static Trial current() {
        Trial trial = current;
        if (trial == null) {
            throw new IllegalStateException("No benchmark trial is running");
        }
        return trial;
    }

    byte[] payload() {
        return payload;
    }

    int messages() {
        return messages;
    }

    CompletableFuture<Boolean> start() {
        return start;
    }

    /** Passes a delivered payload to the handler, then counts it as completed. */
    void handle(byte[] received) {
        handler.accept(received);
        countCompleted();
    }

    /** Counts one completed message (acked publish or handled delivery) and records when it completed. */
    void countCompleted() {
        long count = completed.incrementAndGet();
        if (count == 1) {
            firstCompletedNanos = System.nanoTime();
        }
        if (count == messages) {
            lastCompletedNanos = System.nanoTime();
        }
        done.countDown();
    }

    /** The ack callback of generated outgoing messages: counts the PubAck. */
    CompletionStage<Void> acked() {
        countCompleted();
        return CompletableFuture.completedFuture(null);
    }

    void fail(Throwable error) {
        failure.compareAndSet(null, error);
        done.countDown();
    }

    long completed() {
        return completed.get();
    }

    /** Returns msgs/s between the first and the last completed message, which excludes start-up. */
    double rateBetweenFirstAndLast() {
        return (messages - 1) * 1e9 / (lastCompletedNanos - firstCompletedNanos);
    }

    /** Waits until every message completed, and throws on the first failure or on timeout. */
    void awaitDone(long timeoutSeconds, String description) throws InterruptedException, TimeoutException {
        boolean finished = done.await(timeoutSeconds, TimeUnit.SECONDS);
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException(description + " failed: " + error, error);
        }
        if (!finished) {
            throw new TimeoutException(description + " completed " + completed.get() + " of " + messages
                    + " messages within " + timeoutSeconds + " s");
        }
    }
}
