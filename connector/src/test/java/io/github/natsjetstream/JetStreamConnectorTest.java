package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import io.github.natsjetstream.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;

/**
 * Drives the connector through its SPI methods against a real nats-server, without a CDI runtime.
 */
class JetStreamConnectorTest extends ConnectorTestBase {

    @Test
    void publishAcksAfterStoreAndCreatesStream() throws Exception {
        String subject = "pub-" + token + ".created";
        List<Message<?>> messages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            messages.add(Message.of("order-" + i));
        }

        List<CompletableFuture<Void>> acks = publish("out", attributes("subject", subject), messages);
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        StreamInfo info = management.getStreamInfo("PUB_" + token.toUpperCase());
        assertThat(info.getConfiguration().getSubjects()).containsExactly("pub-" + token + ".>");
        assertThat(info.getStreamState().getMsgCount()).isEqualTo(50);
        String first = new String(management.getMessage(info.getConfiguration().getName(), 1).getData(),
                StandardCharsets.UTF_8);
        assertThat(first).isEqualTo("order-0");
    }

    @Test
    void consumeAndAckAdvancesAckFloor() throws Exception {
        String subject = "ack-" + token + ".x";
        publishAndWait(subject, 25);

        RecordingSubscriber subscriber = consume("in", attributes("subject", subject, "durable", "d" + token,
                "fetch-wait", "500ms"), Long.MAX_VALUE);
        subscriber.ackEach = true;

        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.size() == 25);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            ConsumerInfo info = management.getConsumerInfo("ACK_" + token.toUpperCase(), "d" + token);
            assertThat(info.getAckFloor().getStreamSequence()).isEqualTo(25);
            assertThat(info.getNumAckPending()).isZero();
        });
    }

    @Test
    void batchSizeBoundsUnackedMessages() throws Exception {
        String subject = "window-" + token + ".x";
        publishAndWait(subject, 30);

        RecordingSubscriber subscriber = consume("in", attributes("subject", subject, "durable", "d" + token,
                "batch-size", "4", "fetch-wait", "300ms"), Long.MAX_VALUE);

        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 4);
        Thread.sleep(1000);
        assertThat(subscriber.received).hasSize(4);

        subscriber.received.get(0).ack().toCompletableFuture().get();
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 5);
        Thread.sleep(700);
        assertThat(subscriber.received).hasSize(5);
    }

    @Test
    void demandBoundsPulls() throws Exception {
        String subject = "demand-" + token + ".x";
        publishAndWait(subject, 10);

        RecordingSubscriber subscriber = consume("in", attributes("subject", subject, "durable", "d" + token,
                "fetch-wait", "300ms"), 2);
        subscriber.ackEach = true;

        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 2);
        Thread.sleep(1000);
        assertThat(subscriber.received).hasSize(2);

        subscriber.subscription.request(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 5);
    }

    @Test
    void nackRedeliversMessage() throws Exception {
        String subject = "nack-" + token + ".x";
        publishAndWait(subject, 1);

        RecordingSubscriber subscriber = consume("in", attributes("subject", subject, "durable", "d" + token,
                "fetch-wait", "300ms"), Long.MAX_VALUE);

        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 1);
        JetStreamIncomingMessage<?> first = subscriber.received.get(0).unwrap(JetStreamIncomingMessage.class);
        assertThat(first.getDeliveredCount()).isEqualTo(1);
        first.nack(new IllegalStateException("planned failure")).toCompletableFuture().get();

        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 2);
        JetStreamIncomingMessage<?> second = subscriber.received.get(1).unwrap(JetStreamIncomingMessage.class);
        assertThat(second.getDeliveredCount()).isEqualTo(2);
        assertThat(second.getStreamSequence()).isEqualTo(first.getStreamSequence());
    }

    @Test
    void headersKeepEveryValueBothWays() throws Exception {
        String subject = "headers-" + token + ".x";
        Message<?> outgoing = JetStreamOutgoingMessage.of("body")
                .withHeader("Trace", "a", "b")
                .withHeader("Single", "one");
        List<CompletableFuture<Void>> acks = publish("out", attributes("subject", subject), List.of(outgoing));
        acks.get(0).get(10, TimeUnit.SECONDS);

        RecordingSubscriber subscriber = consume("in", attributes("subject", subject, "durable", "d" + token,
                "payload-type", "string", "fetch-wait", "300ms"), Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 1);

        JetStreamIncomingMessage<?> incoming = subscriber.received.get(0).unwrap(JetStreamIncomingMessage.class);
        assertThat(incoming.getPayload()).isEqualTo("body");
        assertThat(incoming.getHeaders().get("Trace")).containsExactly("a", "b");
        assertThat(incoming.getHeaders().get("Single")).containsExactly("one");
        assertThat(incoming.getSubject()).isEqualTo(subject);
        assertThat(incoming.getStream()).isEqualTo("HEADERS_" + token.toUpperCase());
        assertThat(incoming.getConsumer()).isEqualTo("d" + token);
    }

    @Test
    void emptyBodyIsEmptyByteArray() throws Exception {
        String subject = "empty-" + token + ".x";
        publish("out", attributes("subject", subject), List.of(Message.of(new byte[0])))
                .get(0).get(10, TimeUnit.SECONDS);

        RecordingSubscriber subscriber = consume("in", attributes("subject", subject, "durable", "d" + token,
                "fetch-wait", "300ms"), Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 1);

        assertThat(subscriber.received.get(0).getPayload()).isEqualTo(new byte[0]);
    }

    @Test
    void unsupportedPayloadIsNacked() {
        String subject = "badpayload-" + token + ".x";
        // Objects other than byte[] and String are published as JSON, but a plain Object has no properties to write.
        CompletableFuture<Void> ack = publish("out", attributes("subject", subject), List.of(Message.of(new Object())))
                .get(0);

        assertThatThrownBy(() -> ack.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object")
                .hasMessageContaining("as JSON with Jackson")
                .hasMessageContaining("'out'");
    }

    @Test
    void existingStreamIsReusedUnchanged() throws Exception {
        String stream = "EXISTING_" + token.toUpperCase();
        management.addStream(StreamConfiguration.builder().name(stream)
                .subjects("existing-" + token + ".a.*").build());

        publish("out", attributes("subject", "existing-" + token + ".a.b"), List.of(Message.of("x")))
                .get(0).get(10, TimeUnit.SECONDS);

        StreamInfo info = management.getStreamInfo(stream);
        assertThat(info.getConfiguration().getSubjects()).containsExactly("existing-" + token + ".a.*");
        assertThat(info.getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(management.getStreamNames()).doesNotContain("EXISTING");
    }

    @Test
    void overlappingCreateNamesBothStreams() throws Exception {
        String other = "OTHER_" + token.toUpperCase();
        management.addStream(StreamConfiguration.builder().name(other)
                .subjects("overlap-" + token + ".a").build());

        assertThatThrownBy(() -> connector.getSubscriberBuilder(TestConfigs.channel("out",
                attributes("subject", "overlap-" + token + ".b"))))
                .hasMessageContaining("OVERLAP_" + token.toUpperCase())
                .hasMessageContaining(other)
                .hasMessageContaining("overlap-" + token + ".a")
                .hasMessageContaining("overlap-" + token + ".>");
    }

    @Test
    void unreachableServerNamesUrlWithoutSecret() {
        int port = NatsServerProcess.freePort();
        Map<String, String> attributes = attributes("subject", "x", "durable", "d",
                "connection-timeout", "500ms");
        attributes.put("servers", "nats://alice:s3cret@127.0.0.1:" + port);

        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in", attributes)))
                .hasMessageContaining("'in'")
                .hasMessageContaining("nats://127.0.0.1:" + port)
                .hasMessageContaining("servers")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void shutdownNaksNothingAckedAndKeepsDurable() throws Exception {
        String subject = "shutdown-" + token + ".x";
        publishAndWait(subject, 3);

        RecordingSubscriber subscriber = consume("in", attributes("subject", subject, "durable", "d" + token,
                "fetch-wait", "300ms", "shutdown-timeout", "2s"), Long.MAX_VALUE);
        subscriber.ackEach = true;
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 3);

        connector.shutdown(new Object());

        ConsumerInfo info = management.getConsumerInfo("SHUTDOWN_" + token.toUpperCase(), "d" + token);
        assertThat(info.getAckFloor().getStreamSequence()).isEqualTo(3);
        assertThat(info.getNumAckPending()).isZero();
    }

    @Test
    void streamSubjectsMustCaptureSubject() {
        assertThatThrownBy(() -> connector.getSubscriberBuilder(TestConfigs.channel("out",
                attributes("subject", "ss-" + token + ".out", "stream-subjects", "other-" + token + ".>"))))
                .hasMessageContaining("'out'")
                .hasMessageContaining("other-" + token + ".>")
                .hasMessageContaining("ss-" + token + ".out");
    }

    @Test
    void schemelessUserInfoNeverInError() {
        int port = NatsServerProcess.freePort();
        Map<String, String> attributes = attributes("subject", "x", "durable", "d", "connection-timeout", "500ms");
        attributes.put("servers", "alice:WrongPW789@127.0.0.1:" + port);

        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in", attributes)))
                .satisfies(error -> {
                    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                        assertThat(String.valueOf(cause.getMessage())).doesNotContain("WrongPW789");
                    }
                });
    }

    @Test
    void driftUpdatesChangeableFields() throws Exception {
        String subject = "drift-" + token + ".x";
        publishAndWait(subject, 1);
        String stream = "DRIFT_" + token.toUpperCase();
        management.addOrUpdateConsumer(stream, io.nats.client.api.ConsumerConfiguration.builder()
                .durable("d" + token).filterSubject(subject)
                .ackPolicy(io.nats.client.api.AckPolicy.Explicit)
                .ackWait(Duration.ofSeconds(30)).maxDeliver(3).build());

        consume("in", attributes("subject", subject, "durable", "d" + token, "ack-wait", "45s",
                "max-deliver", "7", "max-ack-pending", "50"), 1);

        ConsumerInfo info = management.getConsumerInfo(stream, "d" + token);
        assertThat(info.getConsumerConfiguration().getAckWait()).isEqualTo(Duration.ofSeconds(45));
        assertThat(info.getConsumerConfiguration().getMaxDeliver()).isEqualTo(7);
        assertThat(info.getConsumerConfiguration().getMaxAckPending()).isEqualTo(50);
    }

    @Test
    void driftInDeliverPolicyFailsStartup() throws Exception {
        String subject = "driftfail-" + token + ".x";
        publishAndWait(subject, 1);
        String stream = "DRIFTFAIL_" + token.toUpperCase();
        management.addOrUpdateConsumer(stream, io.nats.client.api.ConsumerConfiguration.builder()
                .durable("d" + token).filterSubject(subject)
                .ackPolicy(io.nats.client.api.AckPolicy.Explicit).build());

        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in",
                attributes("subject", subject, "durable", "d" + token, "deliver-policy", "new"))))
                .hasMessageContaining("deliver-policy")
                .hasMessageContaining("deliver-policy is all on the server, configured new")
                .hasMessageContaining("'d" + token + "'");
        assertThat(management.getConsumerNames(stream)).contains("d" + token);
    }

    @Test
    void oversizedMessageIsNackedBeforeSending() throws Exception {
        String subject = "big-" + token + ".x";
        byte[] tooLarge = new byte[(int) admin.getServerInfo().getMaxPayload() + 1];
        List<CompletableFuture<Void>> acks = publish("out", attributes("subject", subject),
                List.of(Message.of(tooLarge), Message.of("small")));

        assertThatThrownBy(() -> acks.get(0).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_payload")
                .hasMessageContaining("'out'");
        acks.get(1).get(10, TimeUnit.SECONDS);
        assertThat(management.getStreamInfo("BIG_" + token.toUpperCase()).getStreamState().getMsgCount())
                .isEqualTo(1);
    }

    @Test
    void retriedPublishKeepsMessageId() throws Exception {
        String subject = "retry-" + token + ".x";
        Message<?> message = JetStreamOutgoingMessage.of("once").withHeader("Nats-Msg-Id", "order-" + token);
        publish("out", attributes("subject", subject, "publish-retries", "2"), List.of(message))
                .get(0).get(10, TimeUnit.SECONDS);
        publish("out2", attributes("subject", subject, "publish-retries", "2"), List.of(message))
                .get(0).get(10, TimeUnit.SECONDS);

        StreamInfo info = management.getStreamInfo("RETRY_" + token.toUpperCase());
        assertThat(info.getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(management.getMessage(info.getConfiguration().getName(), 1).getHeaders().getFirst("Nats-Msg-Id"))
                .isEqualTo("order-" + token);
    }

    @Test
    void retriesGenerateMessageId() throws Exception {
        String subject = "genid-" + token + ".x";
        publish("out", attributes("subject", subject, "publish-retries", "1"), List.of(Message.of("x")))
                .get(0).get(10, TimeUnit.SECONDS);

        String id = management.getMessage("GENID_" + token.toUpperCase(), 1).getHeaders().getFirst("Nats-Msg-Id");
        assertThat(id).isNotBlank();
    }

    @Test
    void missingStreamNacksAfterRetries() throws Exception {
        String subject = "gone-" + token + ".x";
        @SuppressWarnings("unchecked")
        org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder<Message<?>, Void> sink =
                (org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder<Message<?>, Void>)
                        connector.getSubscriberBuilder(TestConfigs.channel("out", attributes("subject", subject,
                                "publish-retries", "2", "publish-timeout", "1s")));
        management.deleteStream("GONE_" + token.toUpperCase());

        CompletableFuture<Void> ack = new CompletableFuture<>();
        Message<String> message = Message.of("lost stream", () -> {
            ack.complete(null);
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            ack.completeExceptionally(reason);
            return CompletableFuture.completedFuture(null);
        });
        long start = System.nanoTime();
        ReactiveStreams.<Message<?>>of(message).to(sink).run();

        assertThatThrownBy(() -> ack.get(10, TimeUnit.SECONDS)).hasMessageContaining("503");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMillis).as("two retries pause 200 ms and 400 ms").isGreaterThanOrEqualTo(600);
    }
}
