package io.github.natsjetstream.incoming;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import io.github.natsjetstream.config.IncomingConfig;
import io.github.natsjetstream.config.PullSettings;
import io.nats.client.Connection;
import io.nats.client.JetStreamStatusException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.PullRequestOptions;

/**
 * The Reactive Streams subscription of an incoming channel, and the thread that pulls for it.
 *
 * <p>The thread pulls only while the subscriber has demand and fewer than {@code batch-size}
 * messages are in flight (handed over but not yet acked or nacked). Each pull requests exactly the
 * free slots, so the connector never holds more than one pulled batch, and a slow subscriber slows
 * the pulls instead of growing a buffer. All {@code onNext} and {@code onError} signals come from
 * this one thread.
 */
final class PullLoop implements Subscription, Runnable {

    private static final System.Logger LOG = System.getLogger(PullLoop.class.getName());

    /** How often a waiting pull checks whether the channel stopped. */
    private static final Duration POLL_SLICE = Duration.ofMillis(100);
    /** Time past the pull's expiry to wait for messages still in transit. */
    private static final Duration PULL_GRACE = Duration.ofMillis(250);
    /** Quiet period after which no more prefetched messages are expected at shutdown. */
    private static final Duration DRAIN_QUIET = Duration.ofMillis(200);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /** Shortest fetch wait whose pulls ask for idle heartbeats, sent every half fetch wait. */
    private static final Duration MIN_FETCH_WAIT_FOR_HEARTBEAT = Duration.ofSeconds(1);
    private static final String CONSUMER_DELETED = "Consumer Deleted";
    private static final java.util.List<IncomingMessageDecorator> DECORATORS = IncomingMessageDecorator.load();

    private final IncomingConfig config;
    private final String stream;
    private final Connection connection;
    private final JetStreamSubscription subscription;
    private final Subscriber<? super Message<?>> downstream;
    private final FailureStrategy failureStrategy;
    private final InProgressKeeper inProgressKeeper;
    private final PullInterruptions interruptions;
    private final Runnable recovery;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final CountDownLatch finished = new CountDownLatch(1);
    private long demand;
    private int inFlight;
    private boolean stopped;
    private IllegalArgumentException invalidRequest;
    private Throwable channelFailure;

    /**
     * @param inProgressKeeper keeps handed-over messages alive, or {@code null} when in-progress acks are off
     * @param recovery checks the stream and the durable and re-creates them, or throws
     */
    PullLoop(IncomingConfig config, String stream, Connection connection, JetStreamSubscription subscription,
             Subscriber<? super Message<?>> downstream, FailureStrategy failureStrategy,
             InProgressKeeper inProgressKeeper, PullInterruptions interruptions, Runnable recovery) {
        this.config = config;
        this.stream = stream;
        this.connection = connection;
        this.subscription = subscription;
        this.downstream = downstream;
        this.failureStrategy = failureStrategy;
        this.inProgressKeeper = inProgressKeeper;
        this.interruptions = interruptions;
        this.recovery = recovery;
    }

    @Override
    public void request(long count) {
        lock.lock();
        try {
            if (count <= 0) {
                invalidRequest = new IllegalArgumentException("Reactive Streams rule 3.9: request(" + count
                        + ") on channel '" + config.channel() + "' must be positive");
            } else {
                demand = demand + count < 0 ? Long.MAX_VALUE : demand + count;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cancel() {
        stop();
    }

    /** Stops pulling. Messages that arrive for the open pull are nak'ed. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops pulling and ends the subscriber's stream with the error, once the pull thread has
     * nak'ed what it pulled but did not hand over.
     */
    void fail(Throwable error) {
        lock.lock();
        try {
            if (!stopped) {
                channelFailure = error;
                stopped = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the pull thread has ended and nak'ed what it pulled but did not hand over. */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until every message handed over was acked or nacked, and returns how many were not. */
    int awaitSettled(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (inFlight > 0 && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void run() {
        LOG.log(Level.INFO, "Channel ''{0}'' started pulling from stream {1}, durable {2}, subject {3} "
                + "(batch size {4}, fetch wait {5} ms)", config.channel(), stream, config.durable(), config.subject(),
                String.valueOf(config.pull().batchSize()), String.valueOf(config.pull().fetchWait().toMillis()));
        try {
            int permits;
            while ((permits = awaitPermits()) > 0) {
                pullOnce(permits);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "Channel ''{0}'' pull thread was interrupted; it stops pulling", config.channel());
        } catch (RuntimeException e) {
            failPulling(e);
        } finally {
            nakUndelivered();
            unsubscribe();
            if (inProgressKeeper != null) {
                inProgressKeeper.close();
            }
            signalChannelFailure();
            finished.countDown();
            LOG.log(Level.INFO, "Channel ''{0}'' stopped pulling from stream {1}, durable {2}", config.channel(),
                    stream, config.durable());
        }
    }

    /** Blocks until a pull may start, and returns its size, or 0 when the loop must end. */
    private int awaitPermits() throws InterruptedException {
        IllegalArgumentException invalid;
        lock.lock();
        try {
            while (!stopped && invalidRequest == null && (demand == 0 || inFlight >= config.pull().batchSize())) {
                changed.await();
            }
            if (stopped) {
                return 0;
            }
            invalid = invalidRequest;
            if (invalid == null) {
                return (int) Math.min(demand, config.pull().batchSize() - inFlight);
            }
            stopped = true;
        } finally {
            lock.unlock();
        }
        downstream.onError(invalid);
        return 0;
    }

    private void pullOnce(int size) throws InterruptedException {
        interruptions.pullStarted();
        try {
            subscription.pull(pullRequest(size));
        } catch (IllegalStateException e) {
            interruptions.pullFinished();
            retryLater("send a pull request", e);
            return;
        }

        try {
            readPulledMessages(size);
        } finally {
            interruptions.pullFinished();
        }

        String recoveryReason = interruptions.takeRecoveryReason();
        if (recoveryReason != null && !isStopped()) {
            recoverDurable(recoveryReason);
        }
    }

    private PullRequestOptions pullRequest(int size) {
        Duration fetchWait = config.pull().fetchWait();
        PullRequestOptions.Builder builder = PullRequestOptions.builder(size).expiresIn(fetchWait);
        if (fetchWait.compareTo(MIN_FETCH_WAIT_FOR_HEARTBEAT) >= 0) {
            builder.idleHeartbeat(fetchWait.dividedBy(2));
        }
        return builder.build();
    }

    /**
     * Hands over the messages of the open pull until it delivered {@code size}, expired, or was
     * ended early by a status, missed heartbeats, a reconnect or a stop.
     */
    private void readPulledMessages(int size) throws InterruptedException {
        long deadline = System.nanoTime() + config.pull().fetchWait().plus(PULL_GRACE).toNanos();
        int received = 0;
        while (received < size) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || interruptions.takeEndRequest()) {
                return;
            }

            io.nats.client.Message raw = nextMessage(Math.min(remaining, POLL_SLICE.toNanos()));
            if (raw == null) {
                if (isStopped()) {
                    return;
                }
                continue;
            }

            received++;
            if (isStopped()) {
                nakUnhanded(raw);
            } else {
                deliver(raw);
            }
        }
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

    /**
     * Checks the stream and the durable after the server stopped answering pulls for them, and
     * re-creates what is missing when {@code consumer-recreate} allows it. Otherwise the
     * recovery's error fails the channel.
     */
    private void recoverDurable(String reason) throws InterruptedException {
        LOG.log(Level.WARNING, "Channel ''{0}'': durable {1} on stream {2} stopped answering pulls ({3}); checking "
                + "that both exist", config.channel(), config.durable(), stream, reason);
        try {
            recovery.run();
        } catch (RuntimeException e) {
            if (!config.consumer().recreate()) {
                throw e;
            }
            retryLater("re-create durable " + config.durable() + " on stream " + stream, e);
        }
    }

    private void deliver(io.nats.client.Message raw) {
        JetStreamIncomingMessage<?> message = decorate(new JetStreamIncomingMessage<>(raw, payloadOf(raw),
                config.channel(), failureStrategy, this::release));
        if (inProgressKeeper != null) {
            inProgressKeeper.track(message);
        }
        lock.lock();
        try {
            inFlight++;
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
        } finally {
            lock.unlock();
        }

        try {
            downstream.onNext(message);
        } catch (RuntimeException e) {
            // Reactive Streams rule 2.13 forbids onNext to throw; treat it as a cancellation.
            LOG.log(Level.ERROR, "Channel '" + config.channel() + "' subscriber threw from onNext for stream "
                    + stream + " sequence " + message.getStreamSequence() + "; the message is nak'ed and the channel "
                    + "stops", e);
            message.nack(e);
            stop();
        }
    }

    private JetStreamIncomingMessage<?> decorate(JetStreamIncomingMessage<?> message) {
        JetStreamIncomingMessage<?> decorated = message;
        for (IncomingMessageDecorator decorator : DECORATORS) {
            decorated = decorator.decorate(decorated);
        }
        return decorated;
    }

    private Object payloadOf(io.nats.client.Message raw) {
        byte[] data = raw.getData() == null ? new byte[0] : raw.getData();
        if (config.pull().payloadType() == PullSettings.PayloadType.STRING) {
            return new String(data, StandardCharsets.UTF_8);
        }
        return data;
    }

    private void release() {
        lock.lock();
        try {
            inFlight--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean isStopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    private void retryLater(String action, RuntimeException cause) throws InterruptedException {
        if (connection.getStatus() == Connection.Status.CLOSED) {
            throw new IllegalStateException("Channel '" + config.channel() + "' failed to " + action
                    + " because the NATS connection is closed", cause);
        }
        LOG.log(Level.WARNING, "Channel ''{0}'' failed to {1} for durable {2} on stream {3}; retrying in {4} ms: {5}",
                config.channel(), action, config.durable(), stream, RETRY_PAUSE.toMillis(), cause.toString());
        Thread.sleep(RETRY_PAUSE.toMillis());
    }

    private void failPulling(RuntimeException error) {
        boolean wasStopped;
        lock.lock();
        try {
            wasStopped = stopped;
            stopped = true;
        } finally {
            lock.unlock();
        }
        if (wasStopped) {
            LOG.log(Level.DEBUG, "Channel ''{0}'' pull thread ended after stop: {1}", config.channel(),
                    error.toString());
            return;
        }
        LOG.log(Level.ERROR, "Channel '" + config.channel() + "' failed while pulling from durable "
                + config.durable() + " on stream " + stream, error);
        downstream.onError(error);
    }

    private void signalChannelFailure() {
        Throwable failure;
        lock.lock();
        try {
            failure = channelFailure;
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            LOG.log(Level.ERROR, "Channel '" + config.channel() + "' stops: its stream ends with an error", failure);
            downstream.onError(failure);
        }
    }

    /**
     * Naks messages of the open pull that arrive after the stop, so another instance gets them at once.
     *
     * <p>NOTE: JetStream has no way to cancel an open pull request. A message the server sends for
     * it after {@link #DRAIN_QUIET} of silence reaches no subscriber and is redelivered only after
     * ack-wait.
     */
    private void nakUndelivered() {
        try {
            io.nats.client.Message raw;
            while ((raw = subscription.nextMessage(DRAIN_QUIET)) != null) {
                nakUnhanded(raw);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Channel ''{0}'' stopped reading prefetched messages: {1}", config.channel(),
                    e.toString());
        }
    }

    private void nakUnhanded(io.nats.client.Message raw) {
        try {
            raw.nak();
            LOG.log(Level.DEBUG, "Channel ''{0}'' nak''ed stream {1} sequence {2}, pulled after the channel stopped",
                    config.channel(), stream, String.valueOf(raw.metaData().streamSequence()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Channel ''{0}'' failed to nak stream {1} sequence {2} at shutdown; the server "
                    + "redelivers it after ack-wait: {3}", config.channel(), stream, raw.metaData().streamSequence(),
                    e.toString());
        }
    }

    private void unsubscribe() {
        try {
            if (subscription.isActive()) {
                subscription.unsubscribe();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Channel ''{0}'' failed to unsubscribe: {1}", config.channel(), e.toString());
        }
    }
}
