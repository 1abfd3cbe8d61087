package io.github.natsjetstream.incoming;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import io.github.natsjetstream.ChannelStatus;
import io.github.natsjetstream.config.IncomingConfig;
import io.github.natsjetstream.config.NatsNames;
import io.github.natsjetstream.connection.SharedConnection;
import io.github.natsjetstream.payload.PayloadDecoder;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;

/**
 * An incoming channel bound to a durable pull consumer: the {@link Publisher} that the runtime
 * subscribes to, and its shutdown.
 */
public final class IncomingChannel implements Publisher<Message<?>> {

    private static final System.Logger LOG = System.getLogger(IncomingChannel.class.getName());

    private final IncomingConfig config;
    private final String stream;
    private final SharedConnection connection;
    private final JetStreamSubscription subscription;
    private final ConsumerConfiguration durable;
    private final FailureStrategy failureStrategy;
    private final PayloadDecoder payloadDecoder;
    private final Runnable recovery;
    private final PullInterruptions interruptions = new PullInterruptions();
    private final AtomicReference<PullLoop> loop = new AtomicReference<>();

    /**
     * Binds to the durable, which must exist. Failures are thrown here, so they fail startup.
     *
     * @param durable the durable's configuration as the server reports it, for its ack wait and max deliver
     * @param recovery checks the stream and the durable after pulls went unanswered and re-creates them
     */
    public IncomingChannel(IncomingConfig config, String stream, ConsumerConfiguration durable,
                           PayloadDecoder payloadDecoder, SharedConnection connection, Runnable recovery) {
        this.config = config;
        this.stream = stream;
        this.connection = connection;
        this.durable = durable;
        this.recovery = recovery;
        this.payloadDecoder = payloadDecoder;
        this.failureStrategy = FailureStrategies.create(config.failure(), durable.getMaxDeliver(),
                connection.jetStream(), this::failChannel);
        this.subscription = bind();
    }

    private void failChannel(Throwable error) {
        PullLoop running = loop.get();
        if (running != null) {
            running.fail(error);
        }
    }

    private JetStreamSubscription bind() {
        PullSubscribeOptions options = PullSubscribeOptions.builder()
                .stream(stream)
                .durable(config.durable())
                .bind(true)
                .build();
        try {
            return connection.jetStream().subscribe(null, options);
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("Channel '" + config.channel() + "' failed to bind to durable '"
                    + config.durable() + "' on stream '" + stream + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void subscribe(Subscriber<? super Message<?>> subscriber) {
        InProgressKeeper keeper = config.pull().inProgressAcks()
                ? new InProgressKeeper(config.channel(), durable.getAckWait(), config.pull().maxProcessingTime())
                : null;
        PullLoop created = new PullLoop(config, stream, connection.connection(), subscription, subscriber,
                failureStrategy, payloadDecoder, keeper, interruptions, recovery);
        if (!loop.compareAndSet(null, created)) {
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long count) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("Channel '" + config.channel()
                    + "' accepts only one subscriber"));
            if (keeper != null) {
                keeper.close();
            }
            return;
        }

        connection.register(subscription, interruptions);
        subscriber.onSubscribe(created);
        Thread thread = new Thread(created, "nats-jetstream-pull-" + NatsNames.safeName(config.channel()));
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns the channel's state for health checks. */
    public ChannelStatus status() {
        PullLoop running = loop.get();
        Duration stallLimit = config.pull().fetchWait().multipliedBy(3).plusSeconds(5);
        boolean stalled = running != null && running.isStalled(stallLimit);
        Optional<String> failure = running == null ? Optional.empty() : running.failure().map(Throwable::toString);
        return new ChannelStatus(config.channel(), true,
                connection.connection().getStatus() == Connection.Status.CONNECTED,
                subscription.isActive() || running == null, stalled, failure);
    }

    /**
     * Stops pulling, naks what was pulled but not handed over, waits up to {@code shutdown-timeout}
     * for in-flight messages to be acked or nacked, then releases the connection, which flushes
     * the acks.
     */
    public void shutdown() {
        Duration timeout = config.shutdownTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        PullLoop running = loop.get();
        try {
            if (running != null) {
                running.stop();
                if (!running.awaitFinished(timeout)) {
                    LOG.log(Level.WARNING, "Channel ''{0}'' pull thread did not end within {1} ms, probably because "
                            + "the application is still processing a message", config.channel(),
                            String.valueOf(timeout.toMillis()));
                }
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                int unsettled = running.awaitSettled(left);
                if (unsettled > 0) {
                    LOG.log(Level.WARNING, "Channel ''{0}'' shut down with {1} message(s) neither acked nor nacked "
                            + "after {2} ms; the server redelivers them after ack-wait", config.channel(), unsettled,
                            timeout.toMillis());
                }
            } else if (subscription.isActive()) {
                subscription.unsubscribe();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connection.unregister(subscription);
            connection.release(config.channel(), timeout);
        }
    }
}
