package io.github.natsjetstream.incoming;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Terminates the message, so the server never redelivers it and publishes a
 * {@code MSG_TERMINATED} advisory.
 */
final class TermStrategy implements FailureStrategy {

    private static final System.Logger LOG = System.getLogger(TermStrategy.class.getName());

    @Override
    public CompletionStage<Void> apply(JetStreamIncomingMessage<?> message, Throwable reason) {
        LOG.log(Level.WARNING, "Channel ''{0}'' terminates stream {1} sequence {2} (consumer {3}, delivery {4}); it "
                + "is not redelivered. Reason: {5}", message.channel(), message.getStream(),
                message.getStreamSequence(), message.getConsumer(), message.getDeliveredCount(),
                String.valueOf(reason));
        try {
            message.raw().term();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Channel ''{0}'' failed to terminate stream {1} sequence {2}: {3}",
                    message.channel(), message.getStream(), String.valueOf(message.getStreamSequence()), e.toString());
            return CompletableFuture.failedFuture(e);
        }
    }
}
