package io.github.natsjetstream.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.api.ConsumerInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

/**
 * A Node.js consumer and the connector pull from one durable consumer, as two services in
 * different languages would, and split its messages: each message is delivered and acked once.
 */
class InteropSharedDurableTest extends InteropTestBase {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int MESSAGE_COUNT = 60;
    /** Pause per message on both sides, so that neither side drains the durable before the other pulls. */
    private static final int PROCESSING_MILLIS = 20;
    private static final int BATCH_SIZE = 5;

    @ApplicationScoped
    public static class SlowWorker {

        private final List<String> received = new CopyOnWriteArrayList<>();

        @Incoming("shared")
        public void consume(String payload) throws InterruptedException {
            received.add(payload);
            Thread.sleep(PROCESSING_MILLIS);
        }

        List<String> received() {
            return List.copyOf(received);
        }
    }

    @Test
    void durableCreatedByNode() {
        String subject = names.subject("work");
        String durable = names.durable("workers");
        admin.createStream(names.stream(), names.prefix());

        NodeProcess node = startNodeConsumer(durable, Map.of("filterSubject", subject));
        node.awaitEvent("ready");
        SlowWorker worker = startWorker(subject, durable);

        shareMessages(subject, durable, node, worker);
    }

    @Test
    void durableCreatedByConnector() {
        String subject = names.subject("work");
        String durable = names.durable("workers");
        admin.createStream(names.stream(), names.prefix());

        SlowWorker worker = startWorker(subject, durable);
        await("durable " + durable + " created by the connector")
                .atMost(TIMEOUT)
                .until(() -> admin.findConsumer(names.stream(), durable), Optional::isPresent);
        NodeProcess node = startNodeConsumer(durable, null);
        node.awaitEvent("ready");

        shareMessages(subject, durable, node, worker);
    }

    @Test
    void nodeDurableWithOtherFilterRejected() {
        String subject = names.subject("work");
        String durable = names.durable("workers");
        admin.createStream(names.stream(), names.prefix());
        createDurableWithNode(durable, Map.of("filterSubject", names.subject("other")));

        assertThatThrownBy(() -> startWorker(subject, durable))
                .as("start of a channel on a durable with another filter subject")
                .rootCause()
                .hasMessageContaining("filters subject '" + names.subject("other") + "'")
                .hasMessageContaining("the channel's subject is '" + subject + "'");
    }

    @Test
    void nodeDurableWithoutExplicitAcksRejected() {
        String subject = names.subject("work");
        String durable = names.durable("workers");
        admin.createStream(names.stream(), names.prefix());
        createDurableWithNode(durable, Map.of("filterSubject", subject, "ackPolicy", "all"));

        assertThatThrownBy(() -> startWorker(subject, durable))
                .as("start of a channel on a durable with ack policy all")
                .rootCause()
                .hasMessageContaining("durable consumer '" + durable + "'")
                .hasMessageContaining("ack policy");
    }

    /** Creates the durable with consume.mjs, which exits without pulling. */
    private void createDurableWithNode(String durable, Map<String, String> create) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("stream", names.stream());
        request.put("durable", durable);
        request.put("create", create);
        request.put("stopAfterMessages", 0);
        request.put("timeoutMs", 20_000);
        startNode("consume.mjs", request).awaitExit();
        assertThat(admin.findConsumer(names.stream(), durable)).as("durable created by consume.mjs").isPresent();
    }

    /**
     * Publishes the messages once both sides have a pull request waiting, then checks that each
     * message was delivered once, to one side, and acked.
     */
    private void shareMessages(String subject, String durable, NodeProcess node, SlowWorker worker) {
        String stream = names.stream();
        await("pull requests of both consumers waiting on " + durable)
                .atMost(TIMEOUT)
                .until(() -> admin.consumerInfo(stream, durable).getNumWaiting() >= 2);

        List<String> payloads = IntStream.rangeClosed(1, MESSAGE_COUNT).mapToObj(i -> "job-" + i).toList();
        long lastSequence = 0;
        for (String payload : payloads) {
            lastSequence = admin.publish(subject, payload).getSeqno();
        }
        assertThat(lastSequence).as("stream sequence of the last job").isEqualTo(MESSAGE_COUNT);

        List<JsonNode> nodeEvents = node.awaitExit().stream()
                .filter(event -> "message".equals(event.path("event").asText()))
                .toList();
        List<String> nodeReceived = nodeEvents.stream()
                .map(event -> new String(NatsMessage.fromNodeEvent(event).body(), StandardCharsets.UTF_8))
                .toList();
        await("jobs received by the connector and the Node.js consumer")
                .atMost(TIMEOUT)
                .until(() -> worker.received().size() + nodeReceived.size() >= MESSAGE_COUNT);

        System.out.printf("%s: the connector received %d jobs, the Node.js consumer %d%n", durable,
                worker.received().size(), nodeReceived.size());

        Map<String, Integer> receiveCounts = new HashMap<>();
        worker.received().forEach(payload -> receiveCounts.merge(payload, 1, Integer::sum));
        nodeReceived.forEach(payload -> receiveCounts.merge(payload, 1, Integer::sum));
        assertThat(receiveCounts.keySet()).as("jobs received").containsExactlyInAnyOrderElementsOf(payloads);
        assertThat(receiveCounts).as("times each job was received").allSatisfy(
                (payload, count) -> assertThat(count).as(payload).isEqualTo(1));
        assertThat(worker.received()).as("jobs of the connector").isNotEmpty();
        assertThat(nodeReceived).as("jobs of the Node.js consumer").isNotEmpty();
        assertThat(nodeEvents).as("acks of the Node.js consumer confirmed by the server")
                .allSatisfy(event -> assertThat(event.path("acked").asBoolean()).isTrue());

        ConsumerInfo info = admin.consumerInfo(stream, durable);
        assertThat(info.getDelivered().getConsumerSequence()).as("deliveries, redeliveries included")
                .isEqualTo(MESSAGE_COUNT);
        assertThat(info.getRedelivered()).as("redelivered messages").isZero();
        assertThat(info.getAckFloor().getStreamSequence()).as("ack floor").isEqualTo(lastSequence);
        assertThat(info.getNumAckPending()).as("messages awaiting an ack").isZero();
        assertThat(info.getNumPending()).as("messages not yet delivered").isZero();
    }

    private SlowWorker startWorker(String subject, String durable) {
        Map<String, String> config = connectorConfig();
        channel(config, "incoming", "shared", Map.of(
                "subject", subject,
                "durable", durable,
                "payload-type", "string",
                "batch-size", String.valueOf(BATCH_SIZE),
                "fetch-wait", "500ms"));
        return startApplication(config, SlowWorker.class).bean(SlowWorker.class);
    }

    /**
     * Starts consume.mjs on the durable until its ack floor reaches the last job.
     *
     * @param create the durable's settings when the script creates it, {@code null} to bind to an existing one
     */
    private NodeProcess startNodeConsumer(String durable, Map<String, String> create) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("stream", names.stream());
        request.put("durable", durable);
        request.put("create", create);
        request.put("stopAtAckFloor", MESSAGE_COUNT);
        request.put("batchSize", BATCH_SIZE);
        request.put("delayMs", PROCESSING_MILLIS);
        request.put("timeoutMs", TIMEOUT.toMillis());
        return startNode("consume.mjs", request);
    }
}
