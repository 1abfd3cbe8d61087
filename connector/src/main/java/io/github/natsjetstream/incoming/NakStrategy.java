package io.github.natsjetstream.incoming;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.natsjetstream.config.FailureSettings;

/**
 * Naks the message so that the server redelivers it. The delay is the application's
 * {@link RedeliverLaterException}, else the {@code nak-backoff} entry, else {@code nak-delay}. On
 * the last delivery that {@code max-deliver} allows, the message goes to the dead-letter subject
 * when one is set, because the server would otherwise keep it without delivering it again.
 */
final class NakStrategy implements FailureStrategy {

    private static final System.Logger LOG = System.getLogger(NakStrategy.class.getName());

    private final FailureSettings settings;
    private final long maxDeliver;
    private final Optional<DeadLetterStrategy> deadLetter;

    NakStrategy(FailureSettings settings, long maxDeliver, Optional<DeadLetterStrategy> deadLetter) {
        this.settings = settings;
        this.maxDeliver = maxDeliver;
        this.deadLetter = deadLetter;
    }

    @Override
    public CompletionStage<Void> apply(JetStreamIncomingMessage<?> message, Throwable reason) {
        long delivered = message.getDeliveredCount();
        if (deadLetter.isPresent() && maxDeliver > 0 && delivered >= maxDeliver) {
            return deadLetter.get().apply(message, reason);
        }

        Duration delay = applicationDelay(reason).orElseGet(() -> settings.delayFor(delivered));
        LOG.log(Level.WARNING, "Channel ''{0}'' naks stream {1} sequence {2} (consumer {3}, delivery {4}); "
                + "redelivery in {5} ms. Reason: {6}", message.channel(), message.getStream(),
                String.valueOf(message.getStreamSequence()), message.getConsumer(), String.valueOf(delivered),
                String.valueOf(delay.toMillis()), String.valueOf(reason));
        try {
            if (delay.isZero()) {
                message.raw().nak();
            } else {
                message.raw().nakWithDelay(delay);
            }
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Channel ''{0}'' failed to nak stream {1} sequence {2}; the server redelivers "
                    + "it after ack-wait: {3}", message.channel(), message.getStream(),
                    String.valueOf(message.getStreamSequence()),
                    e.toString());
            return CompletableFuture.failedFuture(e);
        }
    }

    static Optional<Duration> applicationDelay(Throwable reason) {
        for (Throwable cause = reason; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedeliverLaterException later) {
                return Optional.of(later.delay());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
