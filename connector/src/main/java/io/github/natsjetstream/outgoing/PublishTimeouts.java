package io.github.natsjetstream.outgoing;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fails the publishes of one channel that got no PubAck within {@code publish-timeout}.
 *
 * <p>All publishes of a channel share one timeout and are registered in the order they are sent,
 * so the oldest pending publish is always at the head of the queue and one periodic sweep serves
 * them all. A timer task per publish, as {@link CompletableFuture#orTimeout} schedules, cost a
 * measurable share of the publish path. A publish fails at most one sweep interval after its
 * deadline.
 */
final class PublishTimeouts implements AutoCloseable {

    private static final Duration MAX_SWEEP_INTERVAL = Duration.ofMillis(50);
    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "nats-jetstream-publish-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    private final long timeoutNanos;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final ScheduledFuture<?> sweep;

    PublishTimeouts(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        long interval = Math.max(1, Math.min(MAX_SWEEP_INTERVAL.toNanos(), timeoutNanos / 4));
        this.sweep = SWEEPER.scheduleWithFixedDelay(this::expire, interval, interval, TimeUnit.NANOSECONDS);
    }

    /** Returns the future, which fails with a {@link TimeoutException} once the timeout has passed. */
    <T> CompletableFuture<T> watch(CompletableFuture<T> future) {
        if (!future.isDone()) {
            pending.add(new Pending(future, System.nanoTime() + timeoutNanos));
        }
        return future;
    }

    private void expire() {
        long now = System.nanoTime();
        Pending head;
        while ((head = pending.peek()) != null) {
            if (!head.future().isDone() && now - head.deadlineNanos() < 0) {
                return;
            }
            pending.poll();
            head.future().completeExceptionally(new TimeoutException("No PubAck within "
                    + Duration.ofNanos(timeoutNanos).toMillis() + " ms"));
        }
    }

    @Override
    public void close() {
        sweep.cancel(false);
        pending.clear();
    }

    private record Pending(CompletableFuture<?> future, long deadlineNanos) {
    }
}
