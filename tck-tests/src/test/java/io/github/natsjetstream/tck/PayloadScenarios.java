package io.github.natsjetstream.tck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.natsjetstream.tck.runtime.RunningApplication;
import io.nats.client.api.ConsumerInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * The incoming method signatures an application uses with the connector: {@code byte[]} and
 * {@code String} payloads, and {@code Message<byte[]>} with manual acknowledgement.
 */
public abstract class PayloadScenarios extends ConnectorScenario {

    private static final String CHANNEL = "tck-payloads";

    @ApplicationScoped
    public static class BytesConsumer {

        private final List<byte[]> received = new CopyOnWriteArrayList<>();

        @Incoming(CHANNEL)
        public void consume(byte[] payload) {
            received.add(payload);
        }

        public List<byte[]> received() {
            return List.copyOf(received);
        }
    }

    @ApplicationScoped
    public static class TextConsumer {

        private final List<String> received = new CopyOnWriteArrayList<>();

        @Incoming(CHANNEL)
        public void consume(String payload) {
            received.add(payload);
        }

        public List<String> received() {
            return List.copyOf(received);
        }
    }

    /**
     * Keeps every message without acknowledging it until the test calls {@link #ackAll()}.
     */
    @ApplicationScoped
    public static class ManualAckConsumer {

        private final List<Message<byte[]>> received = new CopyOnWriteArrayList<>();

        @Incoming(CHANNEL)
        public CompletionStage<Void> consume(Message<byte[]> message) {
            received.add(message);
            return CompletableFuture.completedFuture(null);
        }

        public List<byte[]> payloads() {
            return received.stream().map(Message::getPayload).toList();
        }

        /**
         * Acknowledges every received message and returns when all acknowledgements completed.
         */
        public CompletableFuture<Void> ackAll() {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (Message<byte[]> message : received) {
                acks.add(message.ack().toCompletableFuture());
            }
            return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
        }
    }

    @Test
    void bytePayloadByDefault() {
        TestNames names = TestNames.random("tck-bytes");
        String stream = names.derivedStream();
        String subject = names.subject("blobs");
        String durable = names.durable("bytes");
        admin.createStream(stream, names.allSubjects());
        // Not valid UTF-8, so a connector that decodes the payload as text would change it.
        byte[] binary = {0, (byte) 0xFF, (byte) 0xFE, 0x7F, (byte) 0xC3};
        byte[] text = "plain".getBytes(UTF_8);
        admin.publish(subject, binary);
        admin.publish(subject, text);

        RunningApplication application = startApplication(
                config().incoming(CHANNEL, Map.of("subject", subject, "durable", durable, "fetch-wait", FETCH_WAIT)),
                BytesConsumer.class);
        BytesConsumer consumer = application.bean(BytesConsumer.class);

        await("both messages received").atMost(TIMEOUT).until(() -> consumer.received().size() >= 2);
        assertThat(consumer.received()).hasSize(2);
        assertThat(consumer.received().get(0)).isEqualTo(binary);
        assertThat(consumer.received().get(1)).isEqualTo(text);
        awaitAckFloor(stream, durable, 2);
    }

    @Test
    void stringPayloadDecodedAsUtf8() {
        TestNames names = TestNames.random("tck-text");
        String stream = names.derivedStream();
        String subject = names.subject("text");
        String durable = names.durable("text");
        admin.createStream(stream, names.allSubjects());
        List<String> payloads = List.of("Grüße aus Köln", "\u2713 done \uD83D\uDE80", "");
        payloads.forEach(payload -> admin.publish(subject, payload));

        RunningApplication application = startApplication(
                config().incoming(CHANNEL, Map.of(
                        "subject", subject,
                        "durable", durable,
                        "payload-type", "string",
                        "fetch-wait", FETCH_WAIT)),
                TextConsumer.class);
        TextConsumer consumer = application.bean(TextConsumer.class);

        await("all messages received").atMost(TIMEOUT).until(() -> consumer.received().size() >= payloads.size());
        assertThat(consumer.received()).containsExactlyElementsOf(payloads);
        awaitAckFloor(stream, durable, payloads.size());
    }

    @Test
    void messageMethodAcksOnlyWhenTold() {
        TestNames names = TestNames.random("tck-manual");
        String stream = names.derivedStream();
        String subject = names.subject("orders");
        String durable = names.durable("manual");
        admin.createStream(stream, names.allSubjects());
        List<String> payloads = List.of("order-1", "order-2", "order-3");
        payloads.forEach(payload -> admin.publish(subject, payload));

        RunningApplication application = startApplication(
                config().incoming(CHANNEL, Map.of("subject", subject, "durable", durable, "fetch-wait", FETCH_WAIT)),
                ManualAckConsumer.class);
        ManualAckConsumer consumer = application.bean(ManualAckConsumer.class);

        await("all messages received").atMost(TIMEOUT).until(() -> consumer.payloads().size() >= payloads.size());
        assertThat(consumer.payloads()).extracting(payload -> new String(payload, UTF_8))
                .containsExactlyElementsOf(payloads);

        // Nothing acknowledges the messages yet, so the consumer must still wait for all three.
        sleep(Duration.ofSeconds(1));
        ConsumerInfo beforeAck = admin.consumerInfo(stream, durable);
        assertThat(beforeAck.getNumAckPending()).as("unacknowledged messages before ack()").isEqualTo(3);
        assertThat(beforeAck.getAckFloor().getStreamSequence()).as("ack floor before ack()").isZero();

        assertThat(consumer.ackAll()).succeedsWithin(TIMEOUT);

        awaitAckFloor(stream, durable, payloads.size());
        assertThat(admin.consumerInfo(stream, durable).getNumAckPending()).isZero();
    }
}
