package io.github.natsjetstream.incoming;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.natsjetstream.config.NatsNames;

/**
 * Sends in-progress acks ({@code +WPI}) every third of the durable's ack wait for held messages
 * that are older than a sixth of it, so that slow processing does not cause a redelivery. Each
 * {@code +WPI} restarts the server's ack timer. It stops for a message once that message is
 * settled or {@code max-processing-time} has passed.
 */
final class InProgressKeeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(InProgressKeeper.class.getName());
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    private final String channel;
    private final long intervalNanos;
    private final long maxProcessingNanos;
    /** Held messages by their jnats message, which every copy of a delivery shares. */
    private final Map<io.nats.client.Message, Tracked> tracked = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    InProgressKeeper(String channel, Duration ackWait, Duration maxProcessingTime) {
        this.channel = channel;
        Duration interval = ackWait.dividedBy(3);
        this.intervalNanos = (interval.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : interval).toNanos();
        this.maxProcessingNanos = maxProcessingTime.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "nats-jetstream-in-progress-" + NatsNames.safeName(channel));
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::sendInProgressAcks, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    void track(JetStreamIncomingMessage<?> message) {
        tracked.put(message.raw(), new Tracked(message, System.nanoTime()));
    }

    /** Stops keeping a settled message alive, so that the map holds only messages still held. */
    void untrack(io.nats.client.Message raw) {
        tracked.remove(raw);
    }

    private void sendInProgressAcks() {
        long now = System.nanoTime();
        Iterator<Tracked> entries = tracked.values().iterator();
        while (entries.hasNext()) {
            Tracked entry = entries.next();
            JetStreamIncomingMessage<?> message = entry.message();
            long heldNanos = now - entry.sinceNanos();
            if (message.isSettled()) {
                entries.remove();
            } else if (heldNanos > maxProcessingNanos) {
                entries.remove();
                LOG.log(Level.WARNING, "Channel ''{0}'' has held stream {1} sequence {2} longer than "
                        + "max-processing-time; in-progress acks stop, so the server redelivers it after ack-wait",
                        channel, message.getStream(), String.valueOf(message.getStreamSequence()));
            } else if (heldNanos >= intervalNanos / 2) {
                // Half an interval, so that the first +WPI goes out at most 1.5 intervals (half the
                // ack wait) after the message was read, which leaves time for delays in the client.
                sendInProgress(message);
            }
        }
    }

    private void sendInProgress(JetStreamIncomingMessage<?> message) {
        try {
            message.raw().inProgress();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Channel ''{0}'' failed to send an in-progress ack for stream {1} sequence {2}: {3}",
                    channel, message.getStream(), String.valueOf(message.getStreamSequence()), e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        tracked.clear();
    }

    private record Tracked(JetStreamIncomingMessage<?> message, long sinceNanos) {
    }
}
