package io.github.natsjetstream.outgoing;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import io.github.natsjetstream.ChannelStatus;
import io.github.natsjetstream.config.OutgoingConfig;
import io.github.natsjetstream.connection.SharedConnection;
import io.nats.client.Connection;
import io.nats.client.api.PublishAck;

/**
 * An outgoing channel: the {@link Subscriber} that publishes each message to JetStream and acks it
 * only after the PubAck.
 *
 * <p>Up to {@code max-inflight} publishes await their PubAck at once. Acks and nacks of
 * the application's messages run on one thread per channel, in the order the PubAcks complete, so
 * that application callbacks do not run on the NATS connection's threads. The channel requests
 * more messages from upstream in steps of a quarter of {@code max-inflight}, which keeps the
 * bound while it saves a request per message.
 */
public final class OutgoingChannel implements Subscriber<Message<?>> {

    private static final System.Logger LOG = System.getLogger(OutgoingChannel.class.getName());

    private final OutgoingConfig config;
    private final String stream;
    private final SharedConnection connection;
    private final AckedPublisher publisher;
    private final StreamSubjects streamSubjects;
    private final RepeatLimiter failureLogLimiter = new RepeatLimiter(Duration.ofSeconds(1));
    private final PublishCompletions completions;
    private final int requestStep;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Subscription upstream;
    private volatile boolean shuttingDown;
    private volatile Throwable upstreamFailure;
    /** Completed publishes not yet requested again from upstream; used on the publish thread only. */
    private int completedSinceRequest;

    public OutgoingChannel(OutgoingConfig config, String stream, SharedConnection connection) {
        this.config = config;
        this.stream = stream;
        this.connection = connection;
        this.publisher = new AckedPublisher(config, connection.connection(), connection.jetStream());
        this.streamSubjects = new StreamSubjects(config.channel(), stream, connection.management());
        this.completions = new PublishCompletions(config.channel());
        this.requestStep = Math.max(1, config.maxInflight() / 4);
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        lock.lock();
        try {
            if (upstream != null) {
                subscription.cancel();
                return;
            }
            upstream = subscription;
        } finally {
            lock.unlock();
        }
        LOG.log(Level.INFO, "Channel ''{0}'' publishes to subject {1} on stream {2} (up to {3} pending PubAcks, "
                + "publish timeout {4} ms)", config.channel(), config.subject(), stream,
                String.valueOf(config.maxInflight()), String.valueOf(config.publishTimeout().toMillis()));
        subscription.request(config.maxInflight());
    }

    @Override
    public void onNext(Message<?> message) {
        pending.incrementAndGet();

        PublishRequest request = null;
        CompletableFuture<PublishAck> sent;
        try {
            request = PublishRequest.of(message, config, streamSubjects);
            sent = ObservedPublish.publish(config.channel(), publisher, request);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }

        PublishRequest published = request;
        sent.whenComplete((ack, failure) -> completions.submit(() -> complete(message, published, ack, failure)));
    }

    private void complete(Message<?> message, PublishRequest request, PublishAck ack, Throwable failure) {
        try {
            if (failure == null) {
                logIfDuplicate(request, ack);
                request.recordPublishAck(ack);
                message.ack();
            } else {
                Throwable cause = AckedPublisher.rootCause(failure);
                logFailure(message, cause);
                message.nack(cause);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Channel '" + config.channel() + "' application ack or nack callback failed", e);
        } finally {
            settleOne();
        }
    }

    private void settleOne() {
        int left = pending.decrementAndGet();
        if (shuttingDown) {
            lock.lock();
            try {
                settled.signalAll();
            } finally {
                lock.unlock();
            }
            return;
        }

        completedSinceRequest++;
        if (completedSinceRequest >= requestStep || left == 0) {
            long count = completedSinceRequest;
            completedSinceRequest = 0;
            upstream.request(count);
        }
    }

    private void logIfDuplicate(PublishRequest request, PublishAck ack) {
        if (ack.isDuplicate()) {
            LOG.log(Level.DEBUG, "Channel ''{0}'' publish to subject {1} was a duplicate of stream {2} sequence {3}; "
                    + "counted as stored", config.channel(), request.subject(), ack.getStream(),
                    String.valueOf(ack.getSeqno()));
        }
    }

    private void logFailure(Message<?> message, Throwable cause) {
        long suppressed = failureLogLimiter.tryAcquire();
        if (suppressed < 0) {
            return;
        }
        String subject = OutgoingPayloads.subject(message).orElse(config.subject());
        LOG.log(Level.WARNING, "Channel ''{0}'' failed to publish to subject {1} on stream {2}; the message is "
                + "nacked: {3}{4}", config.channel(), subject, stream, describe(cause),
                suppressed == 0 ? "" : " (" + suppressed + " similar failures not logged in the last second)");
    }

    private String describe(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return "no PubAck within publish-timeout " + config.publishTimeout().toMillis() + " ms";
        }
        return cause.toString();
    }

    /** Returns the channel's state for health checks. */
    public ChannelStatus status() {
        return new ChannelStatus(config.channel(), false,
                connection.connection().getStatus() == Connection.Status.CONNECTED, true, false,
                Optional.ofNullable(upstreamFailure).map(Throwable::toString));
    }

    @Override
    public void onError(Throwable failure) {
        upstreamFailure = failure;
        LOG.log(Level.ERROR, "Channel '" + config.channel() + "' received an error from upstream and stops "
                + "publishing", failure);
    }

    @Override
    public void onComplete() {
        LOG.log(Level.INFO, "Channel ''{0}'' upstream completed; no more messages are published", config.channel());
    }

    /**
     * Stops taking messages, waits up to {@code shutdown-timeout} for pending PubAcks, then
     * releases the connection.
     */
    public void shutdown() {
        Duration timeout = config.shutdownTimeout();
        shuttingDown = true;
        lock.lock();
        try {
            if (upstream != null) {
                upstream.cancel();
            }
            long remaining = timeout.toNanos();
            while (pending.get() > 0 && remaining > 0) {
                remaining = settled.awaitNanos(remaining);
            }
            if (pending.get() > 0) {
                LOG.log(Level.WARNING, "Channel ''{0}'' shut down with {1} publish(es) still awaiting a PubAck after "
                        + "{2} ms", config.channel(), String.valueOf(pending.get()),
                        String.valueOf(timeout.toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }

        publisher.close();
        completions.shutdown();
        connection.release(config.channel(), timeout);
    }
}
