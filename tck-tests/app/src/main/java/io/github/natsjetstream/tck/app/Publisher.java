package io.github.natsjetstream.tck.app;

import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes to {@code tck-out} through an {@code Emitter}, with NATS headers. */
@ApplicationScoped
public class Publisher {

    public static final String CHANNEL = "tck-out";

    @Inject
    @Channel(CHANNEL)
    Emitter<String> emitter;

    /**
     * Sends the payload with the headers and returns a stage that completes when the connector
     * acks the message, after the JetStream PubAck, and fails with the reason of its nack.
     */
    public CompletionStage<Void> publish(String payload, Map<String, List<String>> headers) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        JetStreamOutgoingMessage<String> message = JetStreamOutgoingMessage.of(payload)
                .withHeaders(headers)
                .withAck(() -> {
                    stored.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(reason -> {
                    stored.completeExceptionally(reason);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return stored;
    }
}
