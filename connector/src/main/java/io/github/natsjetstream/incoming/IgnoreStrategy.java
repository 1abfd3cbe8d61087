package io.github.natsjetstream.incoming;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Acks the failed message, so processing goes on as if it had succeeded, and logs the failure.
 */
final class IgnoreStrategy implements FailureStrategy {

    private static final System.Logger LOG = System.getLogger(IgnoreStrategy.class.getName());

    @Override
    public CompletionStage<Void> apply(JetStreamIncomingMessage<?> message, Throwable reason) {
        LOG.log(Level.WARNING, "Channel ''{0}'' ignores the failure of stream {1} sequence {2} (consumer {3}, "
                + "delivery {4}) and acks it. Reason: {5}", message.channel(), message.getStream(),
                String.valueOf(message.getStreamSequence()), message.getConsumer(),
                String.valueOf(message.getDeliveredCount()), String.valueOf(reason));
        try {
            message.raw().ack();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
