package io.github.natsjetstream.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.natsjetstream.tck.runtime.RunningApplication;
import io.nats.client.api.ConsumerInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

/**
 * Two application instances bound to one durable consumer share its messages, as replicas of a
 * service do.
 */
public abstract class SharedDurableScenarios extends ConnectorScenario {

    private static final String CHANNEL = "tck-work";
    private static final int MESSAGE_COUNT = 40;

    /**
     * Takes a little time per message, so one instance cannot drain the consumer before the other
     * one pulls.
     */
    @ApplicationScoped
    public static class SlowWorker {

        private final List<String> received = new CopyOnWriteArrayList<>();

        @Incoming(CHANNEL)
        public void consume(String payload) throws InterruptedException {
            received.add(payload);
            Thread.sleep(20);
        }

        public List<String> received() {
            return List.copyOf(received);
        }
    }

    @Test
    void twoInstancesSplitMessages() {
        TestNames names = TestNames.random("tck-shared");
        String stream = names.derivedStream();
        String subject = names.subject("work");
        String durable = names.durable("workers");
        admin.createStream(stream, names.allSubjects());

        SlowWorker first = startApplication(workerConfig(subject, durable, "tck-worker-1"), SlowWorker.class)
                .bean(SlowWorker.class);
        awaitConsumer(stream, durable);
        SlowWorker second = startApplication(workerConfig(subject, durable, "tck-worker-2"), SlowWorker.class)
                .bean(SlowWorker.class);

        List<String> payloads = IntStream.rangeClosed(1, MESSAGE_COUNT).mapToObj(i -> "job-" + i).toList();
        payloads.forEach(payload -> admin.publish(subject, payload));

        await("all jobs received by the two instances")
                .atMost(TIMEOUT)
                .until(() -> first.received().size() + second.received().size() >= MESSAGE_COUNT);
        awaitAckFloor(stream, durable, MESSAGE_COUNT);
        // Wait a few fetches longer, so a redelivery would show up in the counts below.
        sleep(Duration.ofSeconds(1));

        Map<String, Integer> receiveCounts = new HashMap<>();
        first.received().forEach(payload -> receiveCounts.merge(payload, 1, Integer::sum));
        second.received().forEach(payload -> receiveCounts.merge(payload, 1, Integer::sum));
        assertThat(receiveCounts.keySet()).as("jobs received").containsExactlyInAnyOrderElementsOf(payloads);
        assertThat(receiveCounts).as("times each job was received").allSatisfy(
                (payload, count) -> assertThat(count).as(payload).isEqualTo(1));
        assertThat(first.received()).as("jobs of the first instance").isNotEmpty();
        assertThat(second.received()).as("jobs of the second instance").isNotEmpty();

        ConsumerInfo info = admin.consumerInfo(stream, durable);
        assertThat(info.getDelivered().getConsumerSequence()).as("deliveries").isEqualTo(MESSAGE_COUNT);
        assertThat(info.getNumAckPending()).isZero();
    }

    private ApplicationConfig workerConfig(String subject, String durable, String clientName) {
        return config().incoming(CHANNEL, Map.of(
                "subject", subject,
                "durable", durable,
                "payload-type", "string",
                "batch-size", "5",
                "fetch-wait", FETCH_WAIT,
                "client-name", clientName));
    }
}
