package io.github.natsjetstream.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.natsjetstream.tck.runtime.RunningApplication;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * Incoming channels: acknowledgement, redelivery after a failure or a nack, the subject filter,
 * deliver policies and the consumer settings the connector creates the durable with.
 */
public abstract class ConsumeScenarios extends ConnectorScenario {

    private static final String CHANNEL = "tck-orders";

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
     * Throws on the first delivery of every payload that starts with {@code poison}, so the
     * runtime nacks it.
     */
    @ApplicationScoped
    public static class FailingOnceConsumer {

        private final List<String> received = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

        @Incoming(CHANNEL)
        public void consume(String payload) {
            received.add(payload);
            int attempt = attempts.merge(payload, 1, Integer::sum);
            if (payload.startsWith("poison") && attempt == 1) {
                throw new IllegalStateException("Simulated processing failure for " + payload);
            }
        }

        public List<String> received() {
            return List.copyOf(received);
        }

        public int attempts(String payload) {
            return attempts.getOrDefault(payload, 0);
        }
    }

    /**
     * Nacks the first delivery of every payload that starts with {@code retry} and acks every
     * other delivery.
     */
    @ApplicationScoped
    public static class NackingOnceConsumer {

        private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

        @Incoming(CHANNEL)
        public CompletionStage<Void> consume(Message<byte[]> message) {
            String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
            int attempt = attempts.merge(payload, 1, Integer::sum);
            if (payload.startsWith("retry") && attempt == 1) {
                return message.nack(new IllegalStateException("Simulated rejection of " + payload));
            }
            return message.ack();
        }

        public int attempts(String payload) {
            return attempts.getOrDefault(payload, 0);
        }
    }

    @Test
    void ackAdvancesAckFloor() {
        TestNames names = TestNames.random("tck-ack");
        String stream = names.derivedStream();
        String subject = names.subject("orders");
        String durable = names.durable("ack");
        admin.createStream(stream, names.allSubjects());
        List<String> payloads = List.of("order-1", "order-2", "order-3", "order-4", "order-5");
        payloads.forEach(payload -> admin.publish(subject, payload));

        RunningApplication application = startApplication(textChannel(subject, durable), TextConsumer.class);
        TextConsumer consumer = application.bean(TextConsumer.class);

        await("all messages received").atMost(TIMEOUT).until(() -> consumer.received().size() >= payloads.size());
        assertThat(consumer.received()).containsExactlyElementsOf(payloads);

        awaitAckFloor(stream, durable, payloads.size());
        ConsumerInfo info = admin.consumerInfo(stream, durable);
        assertThat(info.getNumAckPending()).as("unacknowledged messages").isZero();
        assertThat(info.getNumPending()).as("messages not yet delivered").isZero();
        assertThat(info.getDelivered().getConsumerSequence()).as("deliveries").isEqualTo(payloads.size());
    }

    @Test
    void exceptionInMethodRedeliversMessage() {
        TestNames names = TestNames.random("tck-fail");
        String stream = names.derivedStream();
        String subject = names.subject("orders");
        String durable = names.durable("fail");
        admin.createStream(stream, names.allSubjects());
        List.of("order-1", "poison-2", "order-3").forEach(payload -> admin.publish(subject, payload));

        // The ack wait is longer than the test's timeout, so only a nak can bring poison-2 back
        // in time.
        RunningApplication application = startApplication(
                textChannel(subject, durable, Map.of("ack-wait", "60s")), FailingOnceConsumer.class);
        FailingOnceConsumer consumer = application.bean(FailingOnceConsumer.class);

        await("poison-2 delivered twice").atMost(TIMEOUT).until(() -> consumer.attempts("poison-2") >= 2);
        awaitAckFloor(stream, durable, 3);

        assertThat(consumer.attempts("poison-2")).isEqualTo(2);
        assertThat(consumer.attempts("order-1")).isEqualTo(1);
        assertThat(consumer.attempts("order-3")).isEqualTo(1);
        ConsumerInfo info = admin.consumerInfo(stream, durable);
        assertThat(info.getDelivered().getConsumerSequence())
                .as("deliveries: three messages and one redelivery")
                .isEqualTo(4);
        assertThat(info.getNumAckPending()).isZero();
    }

    @Test
    void nackRedeliversMessage() {
        TestNames names = TestNames.random("tck-nack");
        String stream = names.derivedStream();
        String subject = names.subject("orders");
        String durable = names.durable("nack");
        admin.createStream(stream, names.allSubjects());
        List.of("order-1", "retry-2", "order-3").forEach(payload -> admin.publish(subject, payload));

        RunningApplication application = startApplication(
                config().incoming(CHANNEL, Map.of(
                        "subject", subject,
                        "durable", durable,
                        "fetch-wait", FETCH_WAIT,
                        "ack-wait", "60s")),
                NackingOnceConsumer.class);
        NackingOnceConsumer consumer = application.bean(NackingOnceConsumer.class);

        await("retry-2 delivered twice").atMost(TIMEOUT).until(() -> consumer.attempts("retry-2") >= 2);
        awaitAckFloor(stream, durable, 3);

        assertThat(consumer.attempts("retry-2")).isEqualTo(2);
        assertThat(consumer.attempts("order-1")).isEqualTo(1);
        assertThat(consumer.attempts("order-3")).isEqualTo(1);
        ConsumerInfo info = admin.consumerInfo(stream, durable);
        assertThat(info.getDelivered().getConsumerSequence()).isEqualTo(4);
        assertThat(info.getNumAckPending()).isZero();
    }

    @Test
    void consumerReceivesOnlyItsSubject() {
        TestNames names = TestNames.random("tck-filter");
        String stream = names.derivedStream();
        String durable = names.durable("filter");
        admin.createStream(stream, names.allSubjects());
        admin.publish(names.subject("orders"), "order-1");
        admin.publish(names.subject("invoices"), "invoice-1");
        admin.publish(names.subject("orders"), "order-2");

        RunningApplication application = startApplication(
                textChannel(names.subject("orders"), durable), TextConsumer.class);
        TextConsumer consumer = application.bean(TextConsumer.class);

        await("both orders received").atMost(TIMEOUT).until(() -> consumer.received().size() >= 2);
        awaitAckFloor(stream, durable, 3);
        sleep(Duration.ofSeconds(1));
        assertThat(consumer.received()).containsExactly("order-1", "order-2");
    }

    @Test
    void deliverPolicyNewSkipsStoredMessages() {
        TestNames names = TestNames.random("tck-new");
        String stream = names.derivedStream();
        String subject = names.subject("orders");
        String durable = names.durable("new");
        admin.createStream(stream, names.allSubjects());
        admin.publish(subject, "before-1");
        admin.publish(subject, "before-2");

        RunningApplication application = startApplication(
                textChannel(subject, durable, Map.of("deliver-policy", "new")), TextConsumer.class);
        TextConsumer consumer = application.bean(TextConsumer.class);
        awaitConsumer(stream, durable);
        admin.publish(subject, "after-1");
        admin.publish(subject, "after-2");

        await("new messages received").atMost(TIMEOUT).until(() -> consumer.received().size() >= 2);
        awaitAckFloor(stream, durable, 4);
        assertThat(consumer.received()).containsExactly("after-1", "after-2");
        assertThat(admin.consumerInfo(stream, durable).getConsumerConfiguration().getDeliverPolicy())
                .isEqualTo(DeliverPolicy.New);
    }

    @Test
    void deliverPolicyLastStartsAtLastMessage() {
        TestNames names = TestNames.random("tck-last");
        String stream = names.derivedStream();
        String subject = names.subject("orders");
        String durable = names.durable("last");
        admin.createStream(stream, names.allSubjects());
        List.of("before-1", "before-2", "before-3").forEach(payload -> admin.publish(subject, payload));

        RunningApplication application = startApplication(
                textChannel(subject, durable, Map.of("deliver-policy", "last")), TextConsumer.class);
        TextConsumer consumer = application.bean(TextConsumer.class);
        await("last stored message received").atMost(TIMEOUT).until(() -> !consumer.received().isEmpty());
        admin.publish(subject, "after-1");

        await("new message received").atMost(TIMEOUT).until(() -> consumer.received().size() >= 2);
        awaitAckFloor(stream, durable, 4);
        assertThat(consumer.received()).containsExactly("before-3", "after-1");
        assertThat(admin.consumerInfo(stream, durable).getConsumerConfiguration().getDeliverPolicy())
                .isEqualTo(DeliverPolicy.Last);
    }

    @Test
    void deliverPolicyLastPerSubject() {
        TestNames names = TestNames.random("tck-lastper");
        String stream = names.derivedStream();
        String durable = names.durable("lastper");
        admin.createStream(stream, names.allSubjects());
        admin.publish(names.subject("prices.apple"), "apple-1");
        admin.publish(names.subject("prices.pear"), "pear-1");
        admin.publish(names.subject("prices.apple"), "apple-2");

        // An ISO-8601 fetch wait, the other duration format the connector accepts.
        RunningApplication application = startApplication(
                config().incoming(CHANNEL, Map.of(
                        "subject", names.subject("prices.*"),
                        "durable", durable,
                        "payload-type", "string",
                        "deliver-policy", "last-per-subject",
                        "fetch-wait", "PT0.5S")),
                TextConsumer.class);
        TextConsumer consumer = application.bean(TextConsumer.class);

        await("last message of each subject received").atMost(TIMEOUT).until(() -> consumer.received().size() >= 2);
        awaitAckFloor(stream, durable, 3);
        assertThat(consumer.received()).containsExactly("pear-1", "apple-2");
        assertThat(admin.consumerInfo(stream, durable).getConsumerConfiguration().getDeliverPolicy())
                .isEqualTo(DeliverPolicy.LastPerSubject);
    }

    @Test
    void consumerCreatedWithConfiguredSettings() {
        TestNames names = TestNames.random("tck-settings");
        String stream = names.derivedStream();
        String subject = names.subject("orders");
        String durable = names.durable("settings");
        admin.createStream(stream, names.allSubjects());

        startApplication(
                textChannel(subject, durable, Map.of(
                        "ack-wait", "2m",
                        "max-deliver", "4",
                        "max-ack-pending", "50",
                        "deliver-policy", "all")),
                TextConsumer.class);

        ConsumerConfiguration consumer = awaitConsumer(stream, durable).getConsumerConfiguration();
        assertThat(consumer.getDurable()).isEqualTo(durable);
        assertThat(consumer.getAckPolicy()).isEqualTo(AckPolicy.Explicit);
        assertThat(consumer.getAckWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(consumer.getMaxDeliver()).isEqualTo(4);
        assertThat(consumer.getMaxAckPending()).isEqualTo(50);
        assertThat(consumer.getDeliverPolicy()).isEqualTo(DeliverPolicy.All);
    }

    private ApplicationConfig textChannel(String subject, String durable) {
        return textChannel(subject, durable, Map.of());
    }

    /**
     * Configures the channel with String payloads, the test's subject and durable, and the
     * extra attributes.
     */
    private ApplicationConfig textChannel(String subject, String durable, Map<String, String> extraAttributes) {
        Map<String, String> attributes = new HashMap<>(extraAttributes);
        attributes.put("subject", subject);
        attributes.put("durable", durable);
        attributes.put("payload-type", "string");
        attributes.put("fetch-wait", FETCH_WAIT);
        return config().incoming(CHANNEL, attributes);
    }
}
