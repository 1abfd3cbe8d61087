package io.github.natsjetstream.fault;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes the incoming channel {@value #CHANNEL}, records each delivery and ack in the
 * {@link DeliveryLog}, and acks every message except poison ones, which it nacks.
 *
 * <p>With {@code fault.slow-every=N} set, every message whose index is a positive multiple of N
 * blocks the method for {@code fault.slow-for} before the ack, on the channel's thread. With
 * {@code fault.ack-delay} set, the method returns at once and acks each message that much later
 * from another thread, so up to {@code batch-size} delivered messages await their ack at any time.
 */
@ApplicationScoped
public class MessageConsumer {

    static final String CHANNEL = "fault-in";

    @Inject
    @ConfigProperty(name = "fault.slow-every", defaultValue = "0")
    int slowEvery;

    @Inject
    @ConfigProperty(name = "fault.slow-for", defaultValue = "PT0S")
    Duration slowFor;

    @Inject
    @ConfigProperty(name = "fault.ack-delay", defaultValue = "PT0S")
    Duration ackDelay;

    private final ScheduledExecutorService delayedAcks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fault-delayed-acks");
        thread.setDaemon(true);
        return thread;
    });

    @Incoming(CHANNEL)
    public CompletionStage<Void> consume(Message<String> message) {
        String body = message.getPayload();
        String id = Payloads.idOf(body);
        DeliveryLog log = DeliveryLog.current();
        log.delivered(id, deliveredCount(message));

        if (isSlow(id)) {
            sleep(slowFor);
        }
        if (Payloads.isPoison(body)) {
            log.nacked(id);
            return message.nack(new IllegalStateException("Poison message " + id + " always fails"));
        }
        if (!ackDelay.isZero()) {
            delayedAcks.schedule(() -> message.ack().thenRun(() -> log.acked(id)), ackDelay.toMillis(),
                    TimeUnit.MILLISECONDS);
            return CompletableFuture.completedFuture(null);
        }
        return message.ack().thenRun(() -> log.acked(id));
    }

    private boolean isSlow(String id) {
        if (slowEvery <= 0) {
            return false;
        }
        int index = Integer.parseInt(id.substring(id.indexOf('-') + 1));
        return index > 0 && index % slowEvery == 0;
    }

    /** Returns the JetStream delivered count, or 0 when the message is not the connector's. */
    private static long deliveredCount(Message<String> message) {
        try {
            return message.unwrap(JetStreamIncomingMessage.class).getDeliveredCount();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
