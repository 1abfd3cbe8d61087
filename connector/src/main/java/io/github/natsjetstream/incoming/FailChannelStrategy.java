package io.github.natsjetstream.incoming;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Naks the message, so it is not lost, and fails the channel: its stream signals the error and
 * no further messages are pulled.
 */
final class FailChannelStrategy implements FailureStrategy {

    private final FailureStrategy nak;
    private final Consumer<Throwable> failChannel;

    FailChannelStrategy(FailureStrategy nak, Consumer<Throwable> failChannel) {
        this.nak = nak;
        this.failChannel = failChannel;
    }

    @Override
    public CompletionStage<Void> apply(JetStreamIncomingMessage<?> message, Throwable reason) {
        CompletionStage<Void> result = nak.apply(message, reason);
        failChannel.accept(new IllegalStateException("Channel '" + message.channel() + "' failed on stream "
                + message.getStream() + " sequence " + message.getStreamSequence()
                + " (failure-strategy=fail): " + reason, reason));
        return result;
    }
}
