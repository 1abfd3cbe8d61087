package io.github.natsjetstream.interop;

import static io.github.natsjetstream.interop.TestData.messageKinds;
import static io.github.natsjetstream.interop.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.junit.jupiter.api.Test;

/**
 * Messages that the connector publishes are read by a Node.js consumer ({@code @nats-io/jetstream})
 * with the same body bytes and headers.
 */
class InteropNodeConsumerTest extends InteropTestBase {

    /** Sends through two outgoing channels of the connector that publish to the same subject. */
    @ApplicationScoped
    public static class Sender {

        @Inject
        @Channel("to-node-bytes")
        Emitter<byte[]> bytes;

        @Inject
        @Channel("to-node-text")
        Emitter<String> text;

        /** Sends the message and returns a stage that completes when the connector acks it after the PubAck. */
        CompletionStage<Void> send(JetStreamOutgoingMessage<byte[]> message) {
            CompletableFuture<Void> outcome = new CompletableFuture<>();
            bytes.send(message
                    .withAck(() -> {
                        outcome.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(reason -> {
                        outcome.completeExceptionally(reason);
                        return CompletableFuture.completedFuture(null);
                    }));
            return outcome;
        }

        CompletionStage<Void> send(String payload) {
            return text.send(payload);
        }
    }

    @Test
    void connectorMessagesReachNode() throws Exception {
        String subject = names.subject("out");
        List<NatsMessage> byteMessages = messageKinds(subject);
        String text = "grüße from a String payload";

        admin.createStream(names.stream(), names.prefix());
        Map<String, String> config = connectorConfig();
        channel(config, "outgoing", "to-node-bytes", Map.of("subject", subject));
        channel(config, "outgoing", "to-node-text", Map.of("subject", subject));
        Sender sender = startApplication(config, Sender.class).bean(Sender.class);

        // One at a time, so that the stream stores the messages in this order.
        for (NatsMessage message : byteMessages) {
            JetStreamOutgoingMessage<byte[]> outgoing = JetStreamOutgoingMessage.of(message.body());
            if (message.headers() != null) {
                for (Map.Entry<String, List<String>> header : message.headers().entrySet()) {
                    outgoing = outgoing.withHeader(header.getKey(), header.getValue().toArray(String[]::new));
                }
            }
            sender.send(outgoing).toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
        sender.send(text).toCompletableFuture().get(20, TimeUnit.SECONDS);

        List<JsonNode> events = consumeWithNode(names.stream(), names.durable("node"), subject,
                byteMessages.size() + 1);

        for (int i = 0; i < byteMessages.size(); i++) {
            assertReadByNode(events.get(i), byteMessages.get(i), "message " + i);
        }
        assertReadByNode(events.get(byteMessages.size()),
                NatsMessage.withoutHeaders(subject, utf8(text)), "String message");
    }

    /**
     * jnats accepts only printable ASCII and tab in header values, so the connector nacks a message
     * whose header a Node.js consumer could have decoded as UTF-8. Nothing is stored.
     */
    @Test
    void nonAsciiHeaderValueNacked() {
        String subject = names.subject("out");
        admin.createStream(names.stream(), names.prefix());
        Map<String, String> config = connectorConfig();
        channel(config, "outgoing", "to-node-bytes", Map.of("subject", subject));
        channel(config, "outgoing", "to-node-text", Map.of("subject", subject));
        Sender sender = startApplication(config, Sender.class).bean(Sender.class);

        CompletionStage<Void> outcome = sender.send(
                JetStreamOutgoingMessage.of(utf8("body")).withHeader("X-City", "São Paulo"));

        assertThat(outcome).as("send with a non-ASCII header value")
                .failsWithin(Duration.ofSeconds(20))
                .withThrowableThat()
                .havingRootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .withMessageContaining("Header value has invalid character");
        assertThat(admin.storedMessages(names.stream())).as("messages in the stream").isZero();
    }

    /** Reads the messages with consume.mjs through a new durable and returns its message events in order. */
    private List<JsonNode> consumeWithNode(String stream, String durable, String subject, int count) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("stream", stream);
        request.put("durable", durable);
        request.put("create", Map.of("filterSubject", subject));
        request.put("stopAfterMessages", count);
        request.put("timeoutMs", 30_000);
        List<JsonNode> events = startNode("consume.mjs", request).awaitExit().stream()
                .filter(event -> "message".equals(event.path("event").asText()))
                .toList();
        assertThat(events).as("messages read by consume.mjs").hasSize(count);
        return events;
    }

    private static void assertReadByNode(JsonNode event, NatsMessage expected, String description) {
        NatsMessage actual = NatsMessage.fromNodeEvent(event);
        assertThat(actual.subject()).as("subject of " + description).isEqualTo(expected.subject());
        assertThat(actual.body()).as("body of " + description).isEqualTo(expected.body());
        assertThat(actual.headers()).as("headers of " + description).isEqualTo(expected.headers());
        assertThat(event.path("deliveryCount").asInt()).as("deliveries of " + description).isEqualTo(1);
        assertThat(event.path("acked").asBoolean()).as("ack of " + description + " confirmed").isTrue();
    }
}
