package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.github.natsjetstream.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;

/**
 * Recovery of incoming channels when the durable, the stream or the server goes away.
 */
class RecoveryTest extends ConnectorTestBase {

    /**
     * Creates the stream in memory: nats-server 2.9.10 sometimes fails to delete or re-create a
     * file-backed stream or consumer right after it was used ("directory not empty").
     */
    private void createMemoryStream(String stream, String subject) throws Exception {
        management.addStream(StreamConfiguration.builder().name(stream).subjects(subject)
                .storageType(StorageType.Memory).build());
    }

    private RecordingSubscriber consumeAcking(String subject, String... extra) throws Exception {
        Map<String, String> attributes = attributes("subject", subject, "durable", "d" + token,
                "stream-storage", "memory");
        for (int i = 0; i < extra.length; i += 2) {
            attributes.put(extra[i], extra[i + 1]);
        }
        RecordingSubscriber subscriber = consume("in", attributes, Long.MAX_VALUE);
        subscriber.ackEach = true;
        return subscriber;
    }

    @Test
    void deletedDurableIsRecreated() throws Exception {
        String subject = "recreate-" + token + ".x";
        String stream = "RECREATE_" + token.toUpperCase();
        createMemoryStream(stream, subject);
        publishAndWait(subject, 1);
        RecordingSubscriber subscriber = consumeAcking(subject, "fetch-wait", "2s");
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 1);

        management.deleteConsumer(stream, "d" + token);
        publishAndWait(subject, 3);

        await().atMost(Duration.ofSeconds(15)).until(() -> subscriber.received.size() >= 4);
        assertThat(subscriber.error).isNull();
        ConsumerInfo info = management.getConsumerInfo(stream, "d" + token);
        assertThat(info.getConsumerConfiguration().getFilterSubject()).isEqualTo(subject);
    }

    @Test
    void deletedDurableFailsWhenRecreateOff() throws Exception {
        String subject = "norecreate-" + token + ".x";
        String stream = "NORECREATE_" + token.toUpperCase();
        createMemoryStream(stream, subject);
        publishAndWait(subject, 1);
        RecordingSubscriber subscriber = consumeAcking(subject, "fetch-wait", "2s", "consumer-recreate", "false");
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 1);

        management.deleteConsumer(stream, "d" + token);

        await().atMost(Duration.ofSeconds(15)).until(() -> subscriber.error != null);
        assertThat(subscriber.error).hasMessageContaining("consumer-recreate").hasMessageContaining("'in'");
        assertThat(management.getConsumerNames(stream)).doesNotContain("d" + token);
    }

    @Test
    void deletedStreamIsRecreated() throws Exception {
        String subject = "lost-" + token + ".x";
        String stream = "LOST_" + token.toUpperCase();
        createMemoryStream(stream, subject);
        publishAndWait(subject, 1);
        RecordingSubscriber subscriber = consumeAcking(subject, "fetch-wait", "2s");
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 1);

        management.deleteStream(stream);
        await().atMost(Duration.ofSeconds(15)).until(() -> management.getStreamNames().contains(stream));
        publishAndWait(subject, 2);

        await().atMost(Duration.ofSeconds(15)).until(() -> subscriber.received.size() >= 3);
        assertThat(subscriber.error).isNull();
    }

    @Test
    void serverRestartRepullsWithoutWaitingForExpiry() throws Exception {
        try (NatsServerProcess own = NatsServerProcess.start()) {
            String subject = "restart-" + token + ".x";
            Map<String, String> attributes = attributes("subject", subject, "durable", "d" + token,
                    "fetch-wait", "30s");
            attributes.put("servers", own.url());
            Map<String, String> publishing = attributes("subject", subject);
            publishing.put("servers", own.url());

            RecordingSubscriber subscriber = consume("in", attributes, Long.MAX_VALUE);
            subscriber.ackEach = true;
            CompletableFuture.allOf(publish("seed", publishing, List.of(Message.of("before")))
                    .toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 1);

            own.kill();
            own.restart();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (Connection probe = Nats.connect(own.url())) {
                    return probe.getStatus() == Connection.Status.CONNECTED;
                }
            });
            Thread.sleep(2000);
            long publishedAt = System.nanoTime();
            CompletableFuture.allOf(publish("seed2", publishing, List.of(Message.of("after")))
                    .toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.received.size() == 2);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                try (Connection probe = Nats.connect(own.url())) {
                    throw new AssertionError("No delivery after the restart; consumer state: " + probe
                            .jetStreamManagement().getConsumerInfo("RESTART_" + token.toUpperCase(), "d" + token), e);
                }
            }
            long waitedMillis = (System.nanoTime() - publishedAt) / 1_000_000;
            assertThat(waitedMillis).as("delivery after restart, far below the 30 s pull expiry").isLessThan(5000);
            assertThat(subscriber.error).isNull();
        }
    }
}
