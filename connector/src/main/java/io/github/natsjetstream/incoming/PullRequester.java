package io.github.natsjetstream.incoming;

import java.time.Duration;

import io.github.natsjetstream.config.IncomingConfig;
import io.nats.client.JetStreamStatusException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.PullRequestOptions;

/**
 * One pull request at a time on a JetStream pull subscription, and the reading of its messages.
 *
 * <p>A pull ends when it delivered the requested count, when its expiry (plus a grace period for
 * messages in transit) has passed, or when {@link PullInterruptions} requests an early end.
 */
final class PullRequester {

    /** Time past the pull's expiry to wait for messages still in transit. */
    private static final Duration PULL_GRACE = Duration.ofMillis(250);
    /** Shortest fetch wait whose pulls ask for idle heartbeats, sent every half fetch wait. */
    private static final Duration MIN_FETCH_WAIT_FOR_HEARTBEAT = Duration.ofSeconds(1);
    private static final String CONSUMER_DELETED = "Consumer Deleted";

    private final IncomingConfig config;
    private final String stream;
    private final JetStreamSubscription subscription;
    private final PullInterruptions interruptions;

    private boolean open;
    private int outstanding;
    private long deadline;
    private long openedNanos;
    /** Until when a pull that ended early may still deliver, as {@link System#nanoTime()}. */
    private long strayDeadline = System.nanoTime();

    PullRequester(IncomingConfig config, String stream, JetStreamSubscription subscription,
                  PullInterruptions interruptions) {
        this.config = config;
        this.stream = stream;
        this.subscription = subscription;
        this.interruptions = interruptions;
    }

    boolean isOpen() {
        return open;
    }

    /**
     * Sends a pull request for {@code size} messages.
     *
     * @throws IllegalStateException when jnats cannot send it, for example while disconnected with a full buffer
     */
    void open(int size) {
        interruptions.pullStarted();
        try {
            subscription.pull(pullRequest(size));
        } catch (IllegalStateException e) {
            interruptions.pullFinished();
            throw e;
        }
        open = true;
        outstanding = size;
        openedNanos = System.nanoTime();
        deadline = openedNanos + config.pull().fetchWait().plus(PULL_GRACE).toNanos();
    }

    /**
     * Returns the next message of the open pull, or {@code null} when none arrived within
     * {@code slice}. Closes the pull when it is complete, expired or interrupted.
     */
    io.nats.client.Message poll(Duration slice) throws InterruptedException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0 || interruptions.takeEndRequest()) {
            strayDeadline = openedNanos + config.pull().fetchWait().plus(PULL_GRACE).toNanos();
            close();
            return null;
        }

        io.nats.client.Message raw = nextMessage(Math.min(remaining, slice.toNanos()));
        if (raw != null && --outstanding == 0) {
            close();
        }
        return raw;
    }

    /**
     * Returns whether a pull that ended early on the client may still deliver.
     *
     * <p>A pull ended after missed heartbeats, a reconnect or a status stays open on the server
     * until its expiry, and the server delivers to the same inbox. Such messages must be read and
     * kept alive like any other, or they wait unread until ack-wait makes the server redeliver
     * them. A new pull reads them too, so this matters while no new pull may be sent.
     */
    boolean mayReceiveStrays() {
        return System.nanoTime() - strayDeadline < 0;
    }

    /** Returns a message of a pull that ended early, waiting at most {@code slice}, or {@code null}. */
    io.nats.client.Message pollStray(Duration slice) throws InterruptedException {
        long remaining = Math.min(strayDeadline - System.nanoTime(), slice.toNanos());
        return remaining > 0 ? nextMessage(remaining) : null;
    }

    /** Reads what is already buffered for the subscription, waiting at most {@code timeout}. */
    io.nats.client.Message drainOne(Duration timeout) throws InterruptedException {
        return subscription.nextMessage(timeout);
    }

    /** Ends the subscription; failures are only logged, because this runs at shutdown. */
    void unsubscribe() {
        try {
            if (subscription.isActive()) {
                subscription.unsubscribe();
            }
        } catch (RuntimeException e) {
            System.getLogger(PullRequester.class.getName()).log(System.Logger.Level.DEBUG,
                    "Channel ''{0}'' failed to unsubscribe: {1}", config.channel(), e.toString());
        }
    }

    void close() {
        open = false;
        outstanding = 0;
        interruptions.pullFinished();
    }

    private PullRequestOptions pullRequest(int size) {
        Duration fetchWait = config.pull().fetchWait();
        PullRequestOptions.Builder builder = PullRequestOptions.builder(size).expiresIn(fetchWait);
        if (fetchWait.compareTo(MIN_FETCH_WAIT_FOR_HEARTBEAT) >= 0) {
            builder.idleHeartbeat(fetchWait.dividedBy(2));
        }
        return builder.build();
    }

    private io.nats.client.Message nextMessage(long timeoutNanos) throws InterruptedException {
        try {
            return subscription.nextMessage(Duration.ofNanos(timeoutNanos));
        } catch (JetStreamStatusException e) {
            String status = e.getStatus().getCode() + " " + e.getStatus().getMessage();
            if (e.getStatus().getMessage().contains(CONSUMER_DELETED)) {
                interruptions.requestRecovery("pull status " + status);
                return null;
            }
            throw new IllegalStateException("Channel '" + config.channel() + "': the server ended pulls from durable '"
                    + config.durable() + "' on stream '" + stream + "' with status " + status, e);
        }
    }
}
