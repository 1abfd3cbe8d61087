package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.natsjetstream.payload.JsonLibraries;
import io.github.natsjetstream.payload.PayloadDecodingException;
import io.nats.client.api.MessageInfo;

/**
 * JSON payloads with JSON-B (Yasson). Runs only in the surefire execution that removes Jackson
 * from the class path, so the connector finds JSON-B as an application without Jackson would.
 */
@Tag("without-jackson")
class JsonbPayloadTest extends PayloadTestBase {

    @Test
    void connectorFindsJsonb() {
        assertThat(JsonLibraries.codec()).isPresent();
        assertThat(JsonLibraries.codec().get().name()).startsWith("JSON-B (org.eclipse.yasson");
    }

    @Test
    void jsonChannelDecodesWithJsonb() throws Exception {
        createStream("jsonb");
        String subject = subject("jsonb");
        publishRaw(subject, "{\"id\":\"o-1\",\"quantity\":3,\"added-later\":true}", "Content-Type", "application/json");

        RecordingSubscriber subscriber = consume("in", jsonAttributes(subject), Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.size() == 1);

        OrderPayload order = (OrderPayload) subscriber.received.get(0).getPayload();
        assertThat(order.id).isEqualTo("o-1");
        assertThat(order.quantity).isEqualTo(3);
    }

    @Test
    void badBodyDeadLetteredWithJsonbError() throws Exception {
        String stream = createStream("jsonb-bad");
        String subject = subject("jsonb-bad");
        publishRaw(subject, "{\"id\": \"o-1\", \"quantity\": \"many\"}");

        String deadLetterStream = createStream("jsonb-dlq");
        RecordingSubscriber subscriber = consume("in", jsonAttributes(subject, "failure-strategy", "dead-letter",
                "dead-letter-subject", subject("jsonb-dlq")), Long.MAX_VALUE);

        MessageInfo copy = stored(deadLetterStream, 1);
        assertThat(copy.getHeaders().getFirst("DeadLetter-Exception-Class"))
                .isEqualTo(PayloadDecodingException.class.getName());
        assertThat(copy.getHeaders().getFirst("DeadLetter-Exception-Message"))
                .contains("Channel 'in' cannot decode stream " + stream + " sequence 1")
                .contains("with JSON-B");
        assertThat(subscriber.received).isEmpty();
    }

    @Test
    void objectPayloadIsPublishedAsJsonWithJsonb() throws Exception {
        String stream = createStream("jsonb-out");

        List<Throwable> outcomes = publishThroughConnector(subject("jsonb-out"),
                List.of(Message.of(new OrderPayload("o-9", 2))));

        assertThat(outcomes).containsOnlyNulls();
        MessageInfo stored = stored(stream, 1);
        assertThat(text(stored)).isEqualTo("{\"id\":\"o-9\",\"quantity\":2}");
        assertThat(stored.getHeaders().get("Content-Type")).containsExactly("application/json");
    }
}
