package io.github.natsjetstream.interop;

import static io.github.natsjetstream.interop.TestData.header;
import static io.github.natsjetstream.interop.TestData.headers;
import static io.github.natsjetstream.interop.TestData.messageKinds;
import static io.github.natsjetstream.interop.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * Messages that a Node.js publisher ({@code @nats-io/jetstream}) stores in JetStream reach
 * {@code @Incoming} methods of the connector with the same body bytes and headers.
 */
class InteropNodePublisherTest extends InteropTestBase {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Records what the {@code byte[]} channel receives, by stream sequence, and acks it. */
    @ApplicationScoped
    public static class BytesRecorder {

        private final Map<Long, ReceivedMessage> received = new ConcurrentHashMap<>();

        @Incoming("from-node-bytes")
        public CompletionStage<Void> consume(Message<byte[]> message) {
            ReceivedMessage copy = ReceivedMessage.of(message);
            received.put(copy.streamSequence(), copy);
            return message.ack();
        }

        Map<Long, ReceivedMessage> received() {
            return Map.copyOf(received);
        }
    }

    /** Records what the channel with {@code payload-type=string} receives, by stream sequence, and acks it. */
    @ApplicationScoped
    public static class TextRecorder {

        private final Map<Long, ReceivedMessage> received = new ConcurrentHashMap<>();

        @Incoming("from-node-text")
        public CompletionStage<Void> consume(Message<String> message) {
            ReceivedMessage copy = ReceivedMessage.of(message);
            received.put(copy.streamSequence(), copy);
            return message.ack();
        }

        Map<Long, ReceivedMessage> received() {
            return Map.copyOf(received);
        }
    }

    @Test
    void nodeMessagesReachConnector() {
        String bytesSubject = names.subject("bytes");
        String textSubject = names.subject("text");
        List<NatsMessage> bytesMessages = messageKinds(bytesSubject);
        List<NatsMessage> textMessages = List.of(
                NatsMessage.withoutHeaders(textSubject, utf8("grüße, no headers")),
                NatsMessage.withoutHeaders(textSubject, new byte[0]),
                new NatsMessage(textSubject, utf8("with a header"), headers(header("X-Case", "text"))));

        admin.createStream(names.stream(), names.prefix());
        Map<String, String> config = connectorConfig();
        channel(config, "incoming", "from-node-bytes", Map.of(
                "subject", bytesSubject, "durable", names.durable("bytes"), "fetch-wait", "500ms"));
        channel(config, "incoming", "from-node-text", Map.of(
                "subject", textSubject, "durable", names.durable("text"), "fetch-wait", "500ms",
                "payload-type", "string"));
        InteropApplication application = startApplication(config, BytesRecorder.class, TextRecorder.class);
        BytesRecorder bytesRecorder = application.bean(BytesRecorder.class);
        TextRecorder textRecorder = application.bean(TextRecorder.class);

        List<NatsMessage> published = concat(bytesMessages, textMessages);
        List<Long> sequences = publishFromNode(published);

        await("messages received by the connector")
                .atMost(TIMEOUT)
                .until(() -> bytesRecorder.received().size() == bytesMessages.size()
                        && textRecorder.received().size() == textMessages.size());

        for (int i = 0; i < bytesMessages.size(); i++) {
            NatsMessage expected = bytesMessages.get(i);
            ReceivedMessage actual = bytesRecorder.received().get(sequences.get(i));
            assertReceived(actual, expected, "bytes message " + i);
            assertThat(actual.payload()).as("payload of bytes message %d", i).isInstanceOf(byte[].class);
            assertThat((byte[]) actual.payload()).as("body of bytes message %d", i).isEqualTo(expected.body());
        }
        for (int i = 0; i < textMessages.size(); i++) {
            NatsMessage expected = textMessages.get(i);
            ReceivedMessage actual = textRecorder.received().get(sequences.get(bytesMessages.size() + i));
            assertReceived(actual, expected, "text message " + i);
            assertThat(actual.payload()).as("payload of text message %d", i)
                    .isEqualTo(new String(expected.body(), StandardCharsets.UTF_8));
        }
    }

    /** Publishes the messages with publish.mjs and returns their stream sequences, in order. */
    private List<Long> publishFromNode(List<NatsMessage> messages) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("messages", messages.stream().map(NatsMessage::toPublishRequest).toList());
        request.put("timeoutMs", 20_000);
        List<JsonNode> published = startNode("publish.mjs", request).awaitExit().stream()
                .filter(event -> "published".equals(event.path("event").asText()))
                .toList();
        assertThat(published).as("PubAcks reported by publish.mjs").hasSize(messages.size());
        return published.stream().map(event -> event.path("sequence").asLong()).toList();
    }

    /** Checks everything but the payload, whose type depends on the channel. */
    private static void assertReceived(ReceivedMessage actual, NatsMessage expected, String description) {
        assertThat(actual).as(description + " received").isNotNull();
        assertThat(actual.subject()).as("subject of " + description).isEqualTo(expected.subject());
        assertThat(actual.payload()).as("payload of " + description).isNotNull();
        assertThat(actual.deliveredCount()).as("deliveries of " + description).isEqualTo(1);
        Map<String, List<String>> expectedHeaders = expected.headers() == null ? Map.of() : expected.headers();
        assertThat(actual.headers()).as("headers of " + description).isEqualTo(expectedHeaders);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
