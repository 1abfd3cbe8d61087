package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import io.github.natsjetstream.payload.JsonPayloadDecoder;
import io.github.natsjetstream.payload.PayloadDecodingException;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;

/**
 * JSON payloads with Jackson, which this module's default test run has on its class path, against
 * a real nats-server.
 */
class JsonPayloadTest extends PayloadTestBase {

    private static final String NAK_LOGGER = "io.github.natsjetstream.incoming.NakStrategy";

    @Test
    void jsonChannelDecodesToPayloadClass() throws Exception {
        createStream("decode");
        String subject = subject("decode");
        publishRaw(subject, "{\"id\":\"o-1\",\"quantity\":3,\"added-later\":true}",
                "Content-Type", "application/json; charset=utf-8");
        publishRaw(subject, "{\"id\":\"o-2\",\"quantity\":4}");

        RecordingSubscriber subscriber = consume("in", jsonAttributes(subject), Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.size() == 2);

        OrderPayload withHeader = (OrderPayload) subscriber.received.get(0).getPayload();
        OrderPayload withoutHeaders = (OrderPayload) subscriber.received.get(1).getPayload();
        assertThat(withHeader.id).isEqualTo("o-1");
        assertThat(withHeader.quantity).isEqualTo(3);
        assertThat(withoutHeaders.id).isEqualTo("o-2");
        assertThat(withoutHeaders.quantity).isEqualTo(4);
    }

    @Test
    void undecodableBodyIsNakedUntilMaxDeliver() throws Exception {
        String stream = createStream("naked");
        String subject = subject("naked");
        publishRaw(subject, "{\"id\":", "Content-Type", "application/json");
        publishRaw(subject, "{\"id\":\"good\",\"quantity\":1}");

        try (LogCapture naks = LogCapture.of(NAK_LOGGER)) {
            RecordingSubscriber subscriber = consume("in", jsonAttributes(subject, "max-deliver", "3"),
                    Long.MAX_VALUE);
            String[] expectedLine = {"Channel 'in'", "stream " + stream + " sequence 1", "Channel 'in' cannot decode",
                "failed to decode the body as JSON to " + ORDER_CLASS + " with Jackson", "end-of-input"};
            await().atMost(Duration.ofSeconds(10)).until(() -> naks.containing(expectedLine).size() >= 3);
            await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 1);

            // max-deliver is 3, so the server stops redelivering after the third nak.
            Thread.sleep(1000);
            assertThat(naks.containing(expectedLine)).hasSize(3);
            assertThat(naks.containing(expectedLine).get(2)).contains("delivery 3");
            assertThat(((OrderPayload) subscriber.received.get(0).getPayload()).id).isEqualTo("good");
            assertThat(subscriber.received).hasSize(1);
        }
    }

    @Test
    void undecodableBodiesGoToDeadLetterWithReason() throws Exception {
        String stream = createStream("dead");
        String subject = subject("dead");
        Map<String, String> cases = Map.of(
                "", "the body is empty",
                "null", "the body is the JSON literal null",
                "{\"id\": \"o-1\", \"quantity\": ", "failed to decode the body as JSON to " + ORDER_CLASS,
                "[1, 2]", "failed to decode the body as JSON to " + ORDER_CLASS,
                "{\"id\": \"o-1\", \"quantity\": 1} {\"id\": \"o-2\"}", "Trailing token");
        List<String> bodies = List.copyOf(cases.keySet());
        for (String body : bodies) {
            publishRaw(subject, body, "Content-Type", "application/json");
        }

        String deadLetterStream = createStream("dlq");
        RecordingSubscriber subscriber = consume("in", jsonAttributes(subject, "failure-strategy", "dead-letter",
                "dead-letter-subject", subject("dlq")), Long.MAX_VALUE);

        for (int i = 0; i < bodies.size(); i++) {
            MessageInfo copy = stored(deadLetterStream, i + 1);
            String sequence = copy.getHeaders().getFirst("DeadLetter-Original-Sequence");
            String body = bodies.get(Integer.parseInt(sequence) - 1);
            assertThat(text(copy)).isEqualTo(body);
            assertThat(copy.getHeaders().getFirst("DeadLetter-Exception-Class"))
                    .isEqualTo(PayloadDecodingException.class.getName());
            assertThat(copy.getHeaders().getFirst("DeadLetter-Exception-Message"))
                    .contains("Channel 'in' cannot decode stream " + stream + " sequence " + sequence)
                    .contains(cases.get(body));
        }
        ConsumerInfo durable = management.getConsumerInfo(stream, "d" + token);
        assertThat(durable.getNumAckPending()).isZero();
        assertThat(subscriber.received).isEmpty();
    }

    @Test
    void failStrategyEndsChannelOnUndecodableBody() throws Exception {
        createStream("fail");
        String subject = subject("fail");
        publishRaw(subject, "not json");

        RecordingSubscriber subscriber = consume("in", jsonAttributes(subject, "failure-strategy", "fail"),
                Long.MAX_VALUE);

        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.error != null);
        assertThat(subscriber.error.getMessage()).contains("failure-strategy=fail").contains("cannot decode");
        assertThat(subscriber.received).isEmpty();
    }

    @Test
    void missingPayloadClassFailsStartup() {
        Map<String, String> attributes = jsonAttributes("missing-" + token + ".orders",
                "payload-class", "com.example.MissingOrder");

        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in", attributes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Channel 'in'")
                .hasMessageContaining("payload-class=com.example.MissingOrder")
                .hasMessageContaining("mp.messaging.incoming.in.payload-class");
    }

    @Test
    void emptyBodyStaysEmptyForBytesAndString() throws Exception {
        createStream("empty");
        String subject = subject("empty");
        publishRaw(subject, "");

        RecordingSubscriber bytes = consume("bytes", attributes("subject", subject, "durable", "b" + token,
                "fetch-wait", "300ms"), Long.MAX_VALUE);
        RecordingSubscriber text = consume("text", attributes("subject", subject, "durable", "t" + token,
                "fetch-wait", "300ms", "payload-type", "string"), Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(10)).until(() -> bytes.received.size() == 1 && text.received.size() == 1);

        assertThat(bytes.received.get(0).getPayload()).isEqualTo(new byte[0]);
        assertThat(text.received.get(0).getPayload()).isEqualTo("");
    }

    @Test
    void objectPayloadIsPublishedAsJson() throws Exception {
        String stream = createStream("publish");
        List<Message<?>> messages = List.of(
                Message.of(new OrderPayload("o-9", 2)),
                JetStreamOutgoingMessage.of(new OrderPayload("o-10", 5))
                        .withHeader("Content-Type", "application/vnd.orders+json"),
                JetStreamOutgoingMessage.of("{\"id\":\"as-text\"}").withHeader("Content-Type", "application/json"),
                Message.of("plain text"));

        List<Throwable> outcomes = publishThroughConnector(subject("publish"), messages);

        assertThat(outcomes).containsOnlyNulls();
        MessageInfo object = stored(stream, 1);
        assertThat(text(object)).isEqualTo("{\"id\":\"o-9\",\"quantity\":2}");
        assertThat(object.getHeaders().get("Content-Type")).containsExactly("application/json");
        MessageInfo withOwnType = stored(stream, 2);
        assertThat(text(withOwnType)).isEqualTo("{\"id\":\"o-10\",\"quantity\":5}");
        assertThat(withOwnType.getHeaders().get("Content-Type")).containsExactly("application/vnd.orders+json");
        MessageInfo jsonText = stored(stream, 3);
        assertThat(text(jsonText)).isEqualTo("{\"id\":\"as-text\"}");
        assertThat(jsonText.getHeaders().get("Content-Type")).containsExactly("application/json");
        MessageInfo plain = stored(stream, 4);
        assertThat(text(plain)).isEqualTo("plain text");
        assertThat(plain.getHeaders() == null || plain.getHeaders().get("Content-Type") == null).isTrue();
    }

    @Test
    void classTypeIdOnObjectIsRejected() {
        JsonPayloadDecoder decoder = JsonPayloadDecoder.forType(Holder.class);
        byte[] body = "{\"value\":[\"java.util.ArrayList\",[]]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decoder.decode(body))
                .isInstanceOf(PayloadDecodingException.class)
                .hasMessageContaining("PolymorphicTypeValidator")
                .hasMessageContaining("java.lang.Object");
    }

    /** A property whose JSON names its own class, the shape that deserialization gadgets need. */
    public static class Holder {
        @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
        public Object value;
    }
}
