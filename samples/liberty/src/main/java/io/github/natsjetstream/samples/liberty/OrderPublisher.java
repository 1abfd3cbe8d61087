package io.github.natsjetstream.samples.liberty;

import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes order lines to the channel {@value #CHANNEL} through an {@code Emitter}. */
@ApplicationScoped
public class OrderPublisher {

    public static final String CHANNEL = "new-orders";

    /** NATS header that carries the order id, so a consumer can read it without parsing the body. */
    public static final String ORDER_ID_HEADER = "Order-Id";

    @Inject
    @Channel(CHANNEL)
    Emitter<String> emitter;

    /**
     * Sends one order line with an {@value #ORDER_ID_HEADER} header. The returned stage completes
     * when the connector acks the message, which it does after JetStream's PubAck, and fails with
     * the reason of the connector's nack.
     */
    public CompletionStage<Void> publish(String line) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        JetStreamOutgoingMessage<String> message = JetStreamOutgoingMessage.of(line)
                .withHeader(ORDER_ID_HEADER, Order.idOf(line))
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
