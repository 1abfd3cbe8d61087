package io.github.natsjetstream.fault;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Publishes messages {@code 0 .. count-1} through a send function, as an application would
 * during a fault: at most {@link #MAX_OUTSTANDING} sends await their ack at once, and a nacked
 * send is sent again after a delay that starts at {@link #FIRST_RESEND_DELAY} and doubles up to
 * {@link #MAX_RESEND_DELAY}, up to {@link #MAX_ATTEMPTS} sends in all. A nack whose
 * cause chain contains an {@link IllegalArgumentException}, such as a payload above the server's
 * max_payload, is not sent again.
 */
final class PublishLoop {

    static final int MAX_OUTSTANDING = 256;
    static final int MAX_ATTEMPTS = 30;
    static final Duration FIRST_RESEND_DELAY = Duration.ofMillis(100);
    static final Duration MAX_RESEND_DELAY = Duration.ofSeconds(2);

    private final Function<String, CompletionStage<Void>> sender;
    private final int count;
    private final IntFunction<String> kindOf;
    private final int oversizedBytes;

    private final Semaphore permits = new Semaphore(MAX_OUTSTANDING);
    private final AtomicInteger outstanding = new AtomicInteger();
    private final DelayQueue<Resend> resends = new DelayQueue<>();
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final Map<String, String> gaveUp = new ConcurrentHashMap<>();
    private final Map<String, Long> nackReasons = new ConcurrentHashMap<>();
    private final AtomicLong sends = new AtomicLong();
    private final AtomicLong nacks = new AtomicLong();

    /**
     * @param kindOf the {@link Payloads} kind of the message with an index
     * @param oversizedBytes the body size of oversized messages
     */
    PublishLoop(Function<String, CompletionStage<Void>> sender, int count, IntFunction<String> kindOf,
            int oversizedBytes) {
        this.sender = sender;
        this.count = count;
        this.kindOf = kindOf;
        this.oversizedBytes = oversizedBytes;
    }

    /**
     * Publishes until every message is acked or given up, or until the time limit passes.
     *
     * @return whether every message was acked or given up within the limit
     */
    boolean run(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int next = 0;
        while (System.nanoTime() < deadline) {
            Resend resend = resends.poll();
            if (resend != null) {
                send(resend.index, resend.attempt, deadline);
            } else if (next < count) {
                send(next++, 1, deadline);
            } else if (outstanding.get() == 0 && resends.isEmpty()) {
                return true;
            } else {
                resend = resends.poll(50, TimeUnit.MILLISECONDS);
                if (resend != null) {
                    send(resend.index, resend.attempt, deadline);
                }
            }
        }
        return false;
    }

    private void send(int index, int attempt, long deadline) throws InterruptedException {
        while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() >= deadline) {
                resends.add(new Resend(index, attempt, System.nanoTime()));
                return;
            }
        }
        String id = Payloads.id(index);
        outstanding.incrementAndGet();
        sends.incrementAndGet();
        CompletionStage<Void> stage;
        try {
            stage = sender.apply(Payloads.body(id, kindOf.apply(index), oversizedBytes));
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((ignored, failure) -> {
            if (failure == null) {
                acked.add(id);
            } else {
                handleNack(index, attempt, failure);
            }
            outstanding.decrementAndGet();
            permits.release();
        });
    }

    private void handleNack(int index, int attempt, Throwable failure) {
        nacks.incrementAndGet();
        Throwable cause = unwrap(failure);
        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        nackReasons.merge(reason.length() > 160 ? reason.substring(0, 160) + "..." : reason, 1L, Long::sum);
        if (isPermanent(cause) || attempt >= MAX_ATTEMPTS) {
            gaveUp.put(Payloads.id(index), reason);
        } else {
            long delayNanos = Math.min(FIRST_RESEND_DELAY.toNanos() << Math.min(attempt - 1, 10),
                    MAX_RESEND_DELAY.toNanos());
            resends.add(new Resend(index, attempt + 1, System.nanoTime() + delayNanos));
        }
    }

    private static boolean isPermanent(Throwable cause) {
        for (Throwable current = cause; current != null; current = current.getCause()) {
            if (current instanceof IllegalArgumentException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    int ackedCount() {
        return acked.size();
    }

    Set<String> acked() {
        return Set.copyOf(acked);
    }

    /** Returns the ids that were not sent again, with the reason of their last nack. */
    Map<String, String> gaveUp() {
        return new TreeMap<>(gaveUp);
    }

    /** Returns how often each nack reason occurred. */
    Map<String, Long> nackReasons() {
        return new TreeMap<>(nackReasons);
    }

    long sends() {
        return sends.get();
    }

    long nacks() {
        return nacks.get();
    }

    private record Resend(int index, int attempt, long dueNanos) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
