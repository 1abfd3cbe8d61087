package io.github.natsjetstream.outgoing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one log line through per interval and counts the ones held back, so that a burst of
 * identical failures (a server restart fails every pending publish) does not flood the log.
 */
final class RepeatLimiter {

    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    RepeatLimiter(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Returns -1 when this occurrence must not be logged, otherwise the number of occurrences
     * held back since the last one that was logged.
     */
    long tryAcquire() {
        long now = System.nanoTime();
        long allowed = nextAllowed.get();
        boolean due = allowed == Long.MIN_VALUE || now - allowed >= 0;
        if (due && nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            return suppressed.getAndSet(0);
        }
        suppressed.incrementAndGet();
        return -1;
    }
}
