package io.github.natsjetstream.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.natsjetstream.tck.runtime.RunningApplication;
import io.nats.client.api.ConsumerInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

/**
 * A restarted application continues where its durable consumer stopped.
 */
public abstract class RestartScenarios extends ConnectorScenario {

    private static final String CHANNEL = "tck-resumable";

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

    @Test
    void restartResumesAtDurablePosition() {
        TestNames names = TestNames.random("tck-restart");
        String stream = names.derivedStream();
        String subject = names.subject("orders");
        String durable = names.durable("restart");
        admin.createStream(stream, names.allSubjects());
        ApplicationConfig config = config().incoming(CHANNEL, Map.of(
                "subject", subject,
                "durable", durable,
                "payload-type", "string",
                "fetch-wait", FETCH_WAIT));

        List<String> firstRun = List.of("order-1", "order-2", "order-3");
        firstRun.forEach(payload -> admin.publish(subject, payload));
        RunningApplication first = startApplication(config, TextConsumer.class);
        TextConsumer firstConsumer = first.bean(TextConsumer.class);
        await("first run received").atMost(TIMEOUT).until(() -> firstConsumer.received().size() >= firstRun.size());
        awaitAckFloor(stream, durable, firstRun.size());
        assertThat(firstConsumer.received()).containsExactlyElementsOf(firstRun);
        first.close();

        List<String> whileStopped = List.of("order-4", "order-5", "order-6");
        whileStopped.forEach(payload -> admin.publish(subject, payload));
        ConsumerInfo stopped = admin.consumerInfo(stream, durable);
        assertThat(stopped.getNumPending()).as("messages waiting for the stopped application").isEqualTo(3);

        RunningApplication second = startApplication(config, TextConsumer.class);
        TextConsumer secondConsumer = second.bean(TextConsumer.class);
        await("messages published while stopped received")
                .atMost(TIMEOUT)
                .until(() -> secondConsumer.received().size() >= whileStopped.size());
        awaitAckFloor(stream, durable, firstRun.size() + whileStopped.size());
        // Wait a few fetches longer, so a redelivered old message would show up.
        sleep(Duration.ofSeconds(1));

        assertThat(secondConsumer.received()).containsExactlyElementsOf(whileStopped);
        ConsumerInfo resumed = admin.consumerInfo(stream, durable);
        assertThat(resumed.getDelivered().getConsumerSequence()).as("deliveries over both runs").isEqualTo(6);
        assertThat(resumed.getNumAckPending()).isZero();
    }
}
