package io.github.natsjetstream.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.natsjetstream.tck.runtime.RunningApplication;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * {@code batch-size} bounds the messages delivered to the application and not yet acked or
 * nacked, even when the method returns at once and so requests more messages.
 */
public abstract class BatchSizeScenarios extends ConnectorScenario {

    private static final String CHANNEL = "tck-bounded";
    private static final int BATCH_SIZE = 3;
    private static final int MESSAGE_COUNT = 10;

    /**
     * Keeps every message unacknowledged until the test calls {@link #ackOldest()}, and records
     * the highest number of messages held at once.
     */
    @ApplicationScoped
    public static class HoldingConsumer {

        private final List<String> received = new CopyOnWriteArrayList<>();
        private final Queue<Message<String>> unacknowledged = new ConcurrentLinkedQueue<>();
        private int maxUnacknowledged;

        @Incoming(CHANNEL)
        public CompletionStage<Void> consume(Message<String> message) {
            received.add(message.getPayload());
            unacknowledged.add(message);
            synchronized (this) {
                maxUnacknowledged = Math.max(maxUnacknowledged, unacknowledged.size());
            }
            return CompletableFuture.completedFuture(null);
        }

        public List<String> received() {
            return List.copyOf(received);
        }

        public int unacknowledgedCount() {
            return unacknowledged.size();
        }

        public synchronized int maxUnacknowledged() {
            return maxUnacknowledged;
        }

        /**
         * Acknowledges the oldest held message and waits for the acknowledgement to complete.
         * The message leaves the held ones before {@code ack()}, because the connector may
         * deliver the next message as soon as {@code ack()} is called.
         */
        public void ackOldest() throws Exception {
            Message<String> message = unacknowledged.poll();
            if (message == null) {
                throw new IllegalStateException("No unacknowledged message to ack");
            }
            message.ack().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void unackedMessagesBoundedByBatchSize() throws Exception {
        TestNames names = TestNames.random("tck-batch");
        String stream = names.derivedStream();
        String subject = names.subject("jobs");
        String durable = names.durable("batch");
        admin.createStream(stream, names.allSubjects());
        List<String> payloads = IntStream.rangeClosed(1, MESSAGE_COUNT).mapToObj(i -> "job-" + i).toList();
        payloads.forEach(payload -> admin.publish(subject, payload));

        RunningApplication application = startApplication(
                config().incoming(CHANNEL, Map.of(
                        "subject", subject,
                        "durable", durable,
                        "payload-type", "string",
                        "batch-size", Integer.toString(BATCH_SIZE),
                        "fetch-wait", FETCH_WAIT)),
                HoldingConsumer.class);
        HoldingConsumer consumer = application.bean(HoldingConsumer.class);

        await("first batch received").atMost(TIMEOUT).until(() -> consumer.received().size() >= BATCH_SIZE);
        // Three fetch waits without an ack: the connector must not deliver a fourth message.
        sleep(Duration.ofMillis(1500));
        assertThat(consumer.received()).as("messages received while none is acked").hasSize(BATCH_SIZE);
        // The connector may hold one more pulled batch, waiting for demand, but never more.
        assertThat(admin.consumerInfo(stream, durable).getNumAckPending()).isBetween((long) BATCH_SIZE,
                2L * BATCH_SIZE);

        for (int acked = 0; acked < MESSAGE_COUNT; acked++) {
            await("a message to ack after " + acked + " acks")
                    .atMost(TIMEOUT)
                    .until(() -> consumer.unacknowledgedCount() > 0);
            consumer.ackOldest();
        }

        assertThat(consumer.received()).containsExactlyElementsOf(payloads);
        assertThat(consumer.maxUnacknowledged()).as("max unacknowledged messages at once").isEqualTo(BATCH_SIZE);
        awaitAckFloor(stream, durable, MESSAGE_COUNT);
        assertThat(admin.consumerInfo(stream, durable).getNumAckPending()).isZero();
    }
}
