package io.github.natsjetstream.spi;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs exceptions thrown by channel observers, at most one per interval, and counts the ones held
 * back, so that an observer failing on every message does not flood the log.
 */
final class ObserverFailures {

    private static final System.Logger LOG = System.getLogger(ChannelObserver.class.getName());
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final AtomicLong nextAllowedNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    void log(String channel, String method, Throwable failure) {
        long now = System.nanoTime();
        long allowed = nextAllowedNanos.get();
        if (now - allowed < 0 || !nextAllowedNanos.compareAndSet(allowed, now + INTERVAL.toNanos())) {
            suppressed.incrementAndGet();
            return;
        }

        long heldBack = suppressed.getAndSet(0);
        LOG.log(Level.WARNING, "A channel observer failed in " + method + " for channel '" + channel
                + "'; the message is processed without that observer"
                + (heldBack == 0 ? "" : " (" + heldBack + " more observer failures were not logged in the last "
                + INTERVAL.toSeconds() + " s)"), failure);
    }
}
