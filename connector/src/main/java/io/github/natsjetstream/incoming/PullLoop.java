package io.github.natsjetstream.incoming;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import io.github.natsjetstream.config.IncomingConfig;
import io.github.natsjetstream.config.NatsNames;
import io.github.natsjetstream.payload.PayloadDecoder;
import io.github.natsjetstream.payload.PayloadDecodingException;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;

/**
 * The Reactive Streams subscription of an incoming channel, and the thread that pulls for it.
 *
 * <p>Three bounds hold at all times. At most {@code batch-size} messages are in flight: handed to
 * the subscriber and not yet acked or nacked. At most two batches are held in all, in flight plus
 * pulled and waiting in the connector. Messages are handed over only as far as the subscriber
 * requested them. The next pull goes out while at most one batch is held, so a subscriber that
 * requests one message at a time still finds the next one waiting. Waiting messages get
 * in-progress acks like those in flight.
 *
 * <p>Signals to the subscriber are serialized by a work-in-progress counter: whichever thread
 * makes progress possible (a request, an ack, or the delivery thread) emits, one at a time. The
 * pull thread never calls the subscriber itself. A runtime may run the application's method inside
 * {@code onNext}, and while a slow method blocked the pull thread, the messages of its open pull
 * would wait unread in the client, without in-progress acks, until ack-wait made the server
 * redeliver them.
 */
final class PullLoop implements Subscription, Runnable {

    private static final System.Logger LOG = System.getLogger(PullLoop.class.getName());

    /** How long the pull thread waits for a message before it checks for a stop. */
    private static final Duration POLL_SLICE = Duration.ofMillis(100);
    /** Quiet period after which no more prefetched messages are expected at shutdown. */
    private static final Duration DRAIN_QUIET = Duration.ofMillis(200);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final IncomingConfig config;
    private final String stream;
    private final Connection connection;
    private final Subscriber<? super Message<?>> downstream;
    private final FailureStrategy failureStrategy;
    private final PayloadDecoder payloadDecoder;
    private final InProgressKeeper inProgressKeeper;
    private final PullInterruptions interruptions;
    private final Runnable recovery;
    private final PullRequester requester;

    private final Queue<JetStreamIncomingMessage<?>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger emitting = new AtomicInteger();
    private final AtomicReference<Throwable> terminalError = new AtomicReference<>();
    private volatile boolean requested;
    private volatile boolean stopped;
    private volatile boolean terminated;
    private volatile long lastProgressNanos = System.nanoTime();
    /** Whether the pull thread waits until fewer messages are held; read on every ack. */
    private volatile boolean awaitingRoom;

    private final ExecutorService delivery;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * @param inProgressKeeper keeps held messages alive, or {@code null} when in-progress acks are off
     * @param recovery checks the stream and the durable and re-creates them, or throws
     */
    PullLoop(IncomingConfig config, String stream, Connection connection, JetStreamSubscription subscription,
             Subscriber<? super Message<?>> downstream, FailureStrategy failureStrategy, PayloadDecoder payloadDecoder,
             InProgressKeeper inProgressKeeper, PullInterruptions interruptions, Runnable recovery) {
        this.config = config;
        this.stream = stream;
        this.connection = connection;
        this.downstream = downstream;
        this.failureStrategy = failureStrategy;
        this.payloadDecoder = payloadDecoder;
        this.inProgressKeeper = inProgressKeeper;
        this.interruptions = interruptions;
        this.recovery = recovery;
        this.requester = new PullRequester(config, stream, subscription, interruptions);
        this.delivery = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "nats-jetstream-deliver-" + NatsNames.safeName(config.channel()));
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void request(long count) {
        if (count <= 0) {
            terminate(new IllegalArgumentException("Reactive Streams rule 3.9: request(" + count
                    + ") on channel '" + config.channel() + "' must be positive"));
            return;
        }
        demand.accumulateAndGet(count, (current, added) -> current + added < 0 ? Long.MAX_VALUE : current + added);
        requested = true;
        emit();
        wakePullThread();
    }

    @Override
    public void cancel() {
        stop();
    }

    /** Stops pulling and handing over. Held and late messages are nak'ed by the pull thread. */
    void stop() {
        stopped = true;
        wakePullThread();
    }

    /**
     * Stops pulling and ends the subscriber's stream with the error. Messages not yet handed over
     * are nak'ed.
     */
    void fail(Throwable error) {
        terminate(error);
    }

    /**
     * Returns whether the pull thread has gone longer than {@code limit} without a pull, a message
     * or a check for work while no message is in flight in the application, for example because it keeps
     * failing to send pull requests. A slow application method is not a stall.
     */
    boolean isStalled(Duration limit) {
        return !stopped && inFlight.get() == 0 && System.nanoTime() - lastProgressNanos > limit.toNanos();
    }

    /** Returns the error that ended the subscriber's stream, if any. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(terminalError.get());
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
            while (inFlight.get() > 0 && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return inFlight.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void run() {
        try {
            LOG.log(Level.INFO, "Channel ''{0}'' started pulling from stream {1}, durable {2}, subject {3} "
                    + "(batch size {4}, fetch wait {5} ms)", config.channel(), stream, config.durable(),
                    config.subject(), String.valueOf(batchSize()),
                    String.valueOf(config.pull().fetchWait().toMillis()));
            pullUntilStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "Channel ''{0}'' pull thread was interrupted; it stops pulling", config.channel());
        } catch (RuntimeException e) {
            failPulling(e);
        } finally {
            stopped = true;
            nakWaiting();
            nakLateMessages();
            requester.unsubscribe();
            if (inProgressKeeper != null) {
                inProgressKeeper.close();
            }
            emit();
            delivery.shutdown();
            finished.countDown();
            LOG.log(Level.INFO, "Channel ''{0}'' stopped pulling from stream {1}, durable {2}", config.channel(),
                    stream, config.durable());
        }
    }

    private void pullUntilStopped() throws InterruptedException {
        while (!stopped) {
            if (requester.isOpen()) {
                io.nats.client.Message raw = requester.poll(POLL_SLICE);
                if (raw != null) {
                    hold(raw);
                }
                continue;
            }

            String recoveryReason = interruptions.takeRecoveryReason();
            if (recoveryReason != null) {
                recoverDurable(recoveryReason);
                continue;
            }

            int size = nextPullSize();
            if (size > 0) {
                openPull(size);
            } else if (requester.mayReceiveStrays()) {
                io.nats.client.Message stray = requester.pollStray(POLL_SLICE);
                if (stray != null) {
                    hold(stray);
                }
            } else {
                awaitChange();
            }
        }
    }

    /**
     * Returns the size of the next pull: up to one batch, so that no more than two batches are
     * held, and 0 while more than one batch is held or nothing was requested yet.
     */
    private int nextPullSize() {
        int held = waitingCount.get() + inFlight.get();
        if (!requested || held > batchSize()) {
            return 0;
        }
        return Math.min(batchSize(), 2 * batchSize() - held);
    }

    private void openPull(int size) throws InterruptedException {
        try {
            requester.open(size);
            lastProgressNanos = System.nanoTime();
        } catch (IllegalStateException e) {
            retryLater("send a pull request", e);
        }
    }

    private void awaitChange() throws InterruptedException {
        lastProgressNanos = System.nanoTime();
        lock.lock();
        try {
            // Set before the check, so that an ack in between reads it and wakes this thread.
            awaitingRoom = true;
            if (!stopped && nextPullSize() == 0) {
                changed.await(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            awaitingRoom = false;
            lock.unlock();
        }
    }

    private void wakePullThread() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Keeps a pulled message until the subscriber requests it. */
    private void hold(io.nats.client.Message raw) {
        lastProgressNanos = System.nanoTime();
        if (stopped) {
            nakUnhanded(raw);
            return;
        }
        Object payload;
        try {
            payload = payloadOf(raw);
        } catch (PayloadDecodingException e) {
            UndecodableMessages.reject(raw, config.channel(), failureStrategy, e);
            return;
        }
        JetStreamIncomingMessage<?> message = IncomingMessageDecorator.decorateAll(
                new JetStreamIncomingMessage<>(raw, payload, config.channel(), failureStrategy, () -> release(raw)));
        if (inProgressKeeper != null) {
            inProgressKeeper.track(message);
        }
        waiting.add(message);
        waitingCount.incrementAndGet();
        emitOnDeliveryThread();
    }

    /** Starts the emit loop on the delivery thread unless another thread is running it already. */
    private void emitOnDeliveryThread() {
        if (emitting.getAndIncrement() != 0) {
            return;
        }
        try {
            delivery.execute(this::drain);
        } catch (RejectedExecutionException e) {
            drain();
        }
    }

    /**
     * Hands waiting messages to the subscriber while it has demand and the in-flight bound allows,
     * and signals a terminal error. Only one thread at a time runs the loop; a call that finds it
     * running makes the running thread go round once more.
     */
    private void emit() {
        if (emitting.getAndIncrement() != 0) {
            return;
        }
        drain();
    }

    /** Runs the emit loop; the caller has taken the first work-in-progress count. */
    private void drain() {
        int missed = 1;
        do {
            if (!terminated && terminalError.get() != null) {
                terminated = true;
                stopped = true;
                downstream.onError(terminalError.get());
            }
            while (!stopped && demand.get() > 0 && inFlight.get() < batchSize()) {
                JetStreamIncomingMessage<?> message = waiting.poll();
                if (message == null) {
                    break;
                }
                waitingCount.decrementAndGet();
                handOver(message);
            }
            missed = emitting.addAndGet(-missed);
        } while (missed != 0);
        wakePullThread();
    }

    private void handOver(JetStreamIncomingMessage<?> message) {
        inFlight.incrementAndGet();
        if (demand.get() != Long.MAX_VALUE) {
            demand.decrementAndGet();
        }
        message.startObservation();
        try {
            downstream.onNext(message);
        } catch (RuntimeException e) {
            // Reactive Streams rule 2.13 forbids onNext to throw; treat it as a cancellation.
            LOG.log(Level.ERROR, "Channel '" + config.channel() + "' subscriber threw from onNext for stream "
                    + stream + " sequence " + message.getStreamSequence() + "; the message is nacked and the "
                    + "channel stops", e);
            message.nack(e);
            stop();
        }
    }

    private Object payloadOf(io.nats.client.Message raw) {
        byte[] data = raw.getData() == null ? new byte[0] : raw.getData();
        return payloadDecoder.decode(data);
    }

    private void release(io.nats.client.Message raw) {
        if (inProgressKeeper != null) {
            inProgressKeeper.untrack(raw);
        }
        inFlight.decrementAndGet();
        // The next pull must not wait until the delivery thread runs out of messages.
        if (awaitingRoom && nextPullSize() > 0) {
            awaitingRoom = false;
            wakePullThread();
        }
        emit();
    }

    private int batchSize() {
        return config.pull().batchSize();
    }

    /**
     * Checks the stream and the durable after pulls to them got no response, and
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

    private void retryLater(String action, RuntimeException cause) throws InterruptedException {
        if (connection.getStatus() == Connection.Status.CLOSED) {
            throw new IllegalStateException("Channel '" + config.channel() + "' failed to " + action
                    + " because the NATS connection is closed", cause);
        }
        LOG.log(Level.WARNING, "Channel ''{0}'' failed to {1} for durable {2} on stream {3}; retrying in {4} ms: {5}",
                config.channel(), action, config.durable(), stream, String.valueOf(RETRY_PAUSE.toMillis()),
                cause.toString());
        Thread.sleep(RETRY_PAUSE.toMillis());
    }

    private void failPulling(RuntimeException error) {
        if (stopped && terminalError.get() == null) {
            LOG.log(Level.DEBUG, "Channel ''{0}'' pull thread ended after stop: {1}", config.channel(),
                    error.toString());
            return;
        }
        LOG.log(Level.ERROR, "Channel '" + config.channel() + "' failed while pulling from durable "
                + config.durable() + " on stream " + stream, error);
        terminate(error);
    }

    /** Records the error that ends the subscriber's stream; the first one wins. */
    private void terminate(Throwable error) {
        if (terminalError.compareAndSet(null, error) && !(error instanceof IllegalArgumentException)) {
            LOG.log(Level.ERROR, "Channel '" + config.channel() + "' stops: its stream ends with an error", error);
        }
        stopped = true;
        emitOnDeliveryThread();
        wakePullThread();
    }

    /** Naks the messages pulled but never handed over, so another instance gets them at once. */
    private void nakWaiting() {
        JetStreamIncomingMessage<?> message;
        while ((message = waiting.poll()) != null) {
            waitingCount.decrementAndGet();
            nakUnhanded(message.raw());
        }
    }

    /**
     * Naks messages of the open pull that arrive after the stop.
     *
     * <p>NOTE: JetStream has no way to cancel an open pull request. A message the server sends for
     * it after {@link #DRAIN_QUIET} of silence reaches no subscriber and is redelivered only after
     * ack-wait.
     */
    private void nakLateMessages() {
        try {
            io.nats.client.Message raw;
            while ((raw = requester.drainOne(DRAIN_QUIET)) != null) {
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
            LOG.log(Level.DEBUG, "Channel ''{0}'' nak''ed stream {1} sequence {2}, pulled but not handed over",
                    config.channel(), stream, String.valueOf(raw.metaData().streamSequence()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Channel ''{0}'' failed to nak stream {1} sequence {2} at shutdown; the server "
                    + "redelivers it after ack-wait: {3}", config.channel(), stream,
                    String.valueOf(raw.metaData().streamSequence()), e.toString());
        }
    }

}
