package io.github.natsjetstream.tck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.natsjetstream.tck.runtime.RunningApplication;
import io.nats.client.Subscription;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;
import org.junit.jupiter.api.Test;

/**
 * Outgoing channels: a message is acknowledged only once JetStream has stored it, and a rejected
 * publish nacks the message.
 */
public abstract class PublishScenarios extends ConnectorScenario {

    @ApplicationScoped
    public static class TextSender {

        @Inject
        @Channel("tck-outbox")
        Emitter<String> emitter;

        public CompletionStage<Void> send(String payload) {
            return emitter.send(payload);
        }
    }

    @ApplicationScoped
    public static class BytesSender {

        @Inject
        @Channel("tck-outbox-bytes")
        Emitter<byte[]> emitter;

        public CompletionStage<Void> send(byte[] payload) {
            return emitter.send(payload);
        }
    }

    /**
     * A payload that no JSON library can encode, because its only property fails to read. The
     * connector publishes objects other than byte[] and String as JSON when the runtime has Jackson
     * or JSON-B, and rejects them when it has neither, so this payload fails on every runtime.
     */
    public static class Unencodable {

        public String getValue() {
            throw new IllegalStateException("this property cannot be read");
        }
    }

    @ApplicationScoped
    public static class UnencodableSender {

        @Inject
        @Channel("tck-outbox-unencodable")
        Emitter<Unencodable> emitter;

        public CompletionStage<Void> send(Unencodable payload) {
            return emitter.send(payload);
        }
    }

    @ApplicationScoped
    public static class Generator {

        static final List<String> PAYLOADS = List.of("generated-1", "generated-2", "generated-3", "generated-4",
                "generated-5");

        @Outgoing("tck-generated")
        public PublisherBuilder<String> generate() {
            return ReactiveStreams.fromIterable(PAYLOADS);
        }
    }

    @Test
    void emitterSendCompletesAfterStore() throws Exception {
        TestNames names = TestNames.random("tck-pub");
        String stream = names.derivedStream();
        String subject = names.subject("orders");
        admin.createStream(stream, names.allSubjects());
        RunningApplication application = startApplication(
                config().outgoing("tck-outbox", Map.of("subject", subject)), TextSender.class);
        TextSender sender = application.bean(TextSender.class);

        List<String> payloads = List.of("order-1", "order-2", "order-3");
        for (int i = 0; i < payloads.size(); i++) {
            CompletableFuture<Void> sent = sender.send(payloads.get(i)).toCompletableFuture();
            assertThat(sent).succeedsWithin(TIMEOUT);

            // The send completes only after the PubAck, so the message is already stored.
            assertThat(admin.streamInfo(stream).getStreamState().getMsgCount())
                    .as("messages in stream %s after send %d completed", stream, i + 1)
                    .isEqualTo(i + 1);
        }

        for (int i = 0; i < payloads.size(); i++) {
            MessageInfo stored = admin.message(stream, i + 1);
            assertThat(stored.getSubject()).isEqualTo(subject);
            assertThat(new String(stored.getData(), UTF_8)).isEqualTo(payloads.get(i));
        }
    }

    @Test
    void emitterBurstStoresEveryMessage() {
        TestNames names = TestNames.random("tck-burst");
        String stream = names.derivedStream();
        admin.createStream(stream, names.allSubjects());
        RunningApplication application = startApplication(
                config().outgoing("tck-outbox", Map.of("subject", names.subject("events"))), TextSender.class);
        TextSender sender = application.bean(TextSender.class);

        List<String> payloads = new ArrayList<>();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            String payload = "event-" + i;
            payloads.add(payload);
            sends.add(sender.send(payload).toCompletableFuture());
        }
        assertThat(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))).succeedsWithin(TIMEOUT);

        assertThat(admin.streamInfo(stream).getStreamState().getMsgCount()).isEqualTo(payloads.size());
        List<String> stored = new ArrayList<>();
        for (long sequence = 1; sequence <= payloads.size(); sequence++) {
            stored.add(new String(admin.message(stream, sequence).getData(), UTF_8));
        }
        assertThat(stored).containsExactlyInAnyOrderElementsOf(payloads);
    }

    @Test
    void bytePayloadStoredUnchanged() {
        TestNames names = TestNames.random("tck-pub-bytes");
        String stream = names.derivedStream();
        admin.createStream(stream, names.allSubjects());
        RunningApplication application = startApplication(
                config().outgoing("tck-outbox-bytes", Map.of("subject", names.subject("blobs"))), BytesSender.class);

        // Not valid UTF-8, so a connector that converts the payload to a String would change it.
        byte[] payload = {0, (byte) 0xFF, (byte) 0xFE, 0x7F, 'n', 'a', 't', 's', (byte) 0xC3};
        assertThat(application.bean(BytesSender.class).send(payload).toCompletableFuture()).succeedsWithin(TIMEOUT);

        assertThat(admin.message(stream, 1).getData()).isEqualTo(payload);
    }

    @Test
    void stringPayloadStoredAsUtf8() {
        TestNames names = TestNames.random("tck-pub-text");
        String stream = names.derivedStream();
        admin.createStream(stream, names.allSubjects());
        RunningApplication application = startApplication(
                config().outgoing("tck-outbox", Map.of("subject", names.subject("text"))), TextSender.class);

        String payload = "Grüße aus Köln \u2713 \uD83D\uDE80";
        assertThat(application.bean(TextSender.class).send(payload).toCompletableFuture()).succeedsWithin(TIMEOUT);

        assertThat(admin.message(stream, 1).getData()).isEqualTo(payload.getBytes(UTF_8));
    }

    @Test
    void outgoingMethodPublishesEveryMessage() {
        TestNames names = TestNames.random("tck-gen");
        String stream = names.derivedStream();
        String subject = names.subject("generated");
        admin.createStream(stream, names.allSubjects());

        startApplication(config().outgoing("tck-generated", Map.of("subject", subject)), Generator.class);

        await("all generated messages stored in " + stream)
                .atMost(TIMEOUT)
                .until(() -> admin.streamInfo(stream).getStreamState().getMsgCount(),
                        count -> count >= Generator.PAYLOADS.size());
        List<String> stored = new ArrayList<>();
        for (long sequence = 1; sequence <= Generator.PAYLOADS.size(); sequence++) {
            MessageInfo message = admin.message(stream, sequence);
            assertThat(message.getSubject()).isEqualTo(subject);
            stored.add(new String(message.getData(), UTF_8));
        }
        assertThat(stored).containsExactlyInAnyOrderElementsOf(Generator.PAYLOADS);

        // The generator's stream is finite, so nothing beyond its five messages may appear.
        sleep(Duration.ofSeconds(1));
        assertThat(admin.streamInfo(stream).getStreamState().getMsgCount()).isEqualTo(Generator.PAYLOADS.size());
    }

    @Test
    void rejectedPublishNacksMessage() {
        TestNames names = TestNames.random("tck-reject");
        String stream = names.derivedStream();
        // The stream stores at most one message and rejects further publishes, so the second
        // PubAck is an error from the server.
        admin.createStream(StreamConfiguration.builder()
                .name(stream)
                .subjects(names.allSubjects())
                .storageType(StorageType.Memory)
                .maxMessages(1)
                .discardPolicy(DiscardPolicy.New)
                .build());
        RunningApplication application = startApplication(
                config().outgoing("tck-outbox", Map.of("subject", names.subject("limited"), "publish-timeout", "2s")),
                TextSender.class);
        TextSender sender = application.bean(TextSender.class);

        assertThat(sender.send("accepted").toCompletableFuture()).succeedsWithin(TIMEOUT);
        assertThat(sender.send("rejected").toCompletableFuture()).failsWithin(TIMEOUT);

        assertThat(admin.streamInfo(stream).getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(new String(admin.message(stream, 1).getData(), UTF_8)).isEqualTo("accepted");
    }

    @Test
    void missingPubAckNacksAfterPublishTimeout() throws Exception {
        TestNames names = TestNames.random("tck-timeout");
        String stream = names.derivedStream();
        String subject = names.subject("orders");
        admin.createStream(stream, names.allSubjects());
        RunningApplication application = startApplication(
                config().outgoing("tck-outbox", Map.of("subject", subject, "publish-timeout", "1s")),
                TextSender.class);

        // Without the stream, the publish reaches only a core subscriber that never replies, so
        // no PubAck comes back.
        admin.deleteStream(stream);
        Subscription silentSubscriber = admin.subscribe(subject);
        long start = System.nanoTime();
        CompletableFuture<Void> sent = application.bean(TextSender.class).send("order-1").toCompletableFuture();

        assertThat(sent).failsWithin(TIMEOUT);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(elapsed).as("time until the nack").isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(elapsed).as("time until the nack, below the 5 s default timeout").isLessThan(Duration.ofSeconds(4));
        io.nats.client.Message published = silentSubscriber.nextMessage(Duration.ofSeconds(1));
        assertThat(published).as("message seen by the core subscriber").isNotNull();
        assertThat(new String(published.getData(), UTF_8)).isEqualTo("order-1");
    }

    @Test
    void unencodablePayloadNacks() {
        TestNames names = TestNames.random("tck-pub-unencodable");
        String stream = names.derivedStream();
        admin.createStream(stream, names.allSubjects());
        RunningApplication application = startApplication(
                config().outgoing("tck-outbox-unencodable", Map.of("subject", names.subject("objects"))),
                UnencodableSender.class);

        assertThat(application.bean(UnencodableSender.class).send(new Unencodable()).toCompletableFuture())
                .failsWithin(TIMEOUT);

        assertThat(admin.streamInfo(stream).getStreamState().getMsgCount()).isZero();
    }
}
