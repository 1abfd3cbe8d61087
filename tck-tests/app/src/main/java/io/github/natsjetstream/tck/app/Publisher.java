package io.github.natsjetstream.tck.app;

import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import io.nats.client.api.PublishAck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes to {@code tck-out} through an {@code Emitter}, with NATS headers or a subject of its own. */
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

    /**
     * Sends the payload to its own subject with a {@code Nats-Msg-Id} and returns a stage that
     * completes with the PubAck read from the message this method kept, which is not the copy that
     * {@code withAck} returned and the connector received. The stage fails with the reason of the
     * nack, or when the ack came without a PubAck on the kept message.
     */
    public CompletionStage<PublishReceipt> publishRouted(String payload, String subject, String messageId) {
        CompletableFuture<PublishReceipt> stored = new CompletableFuture<>();
        JetStreamOutgoingMessage<String> routed = JetStreamOutgoingMessage.of(payload)
                .withSubject(subject)
                .withMessageId(messageId);
        emitter.send(routed
                .withAck(() -> {
                    Optional<PublishAck> ack = routed.getPublishAck();
                    if (ack.isPresent()) {
                        stored.complete(new PublishReceipt(ack.get().getStream(), ack.get().getSeqno(),
                                ack.get().isDuplicate()));
                    } else {
                        stored.completeExceptionally(new IllegalStateException("The connector acked '" + payload
                                + "', but getPublishAck() of the kept message is empty"));
                    }
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(reason -> {
                    stored.completeExceptionally(reason);
                    return CompletableFuture.completedFuture(null);
                }));
        return stored;
    }
}
