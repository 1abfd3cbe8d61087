package io.github.natsjetstream.incoming;

import java.util.concurrent.CompletionStage;

/**
 * Settles a message that the application nacked or whose method threw. The returned stage
 * completes when the outcome was sent to the server.
 */
interface FailureStrategy {

    CompletionStage<Void> apply(JetStreamIncomingMessage<?> message, Throwable reason);
}
