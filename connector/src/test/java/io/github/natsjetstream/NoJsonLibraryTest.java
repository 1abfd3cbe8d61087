package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.natsjetstream.payload.JsonLibraries;
import io.nats.client.api.MessageInfo;

/**
 * The connector in an application with neither Jackson nor JSON-B. Runs only in the surefire
 * execution that removes both from the class path.
 */
@Tag("without-json-library")
class NoJsonLibraryTest extends PayloadTestBase {

    @Test
    void connectorFindsNoJsonLibrary() {
        assertThat(JsonLibraries.codec()).isEmpty();
    }

    @Test
    void jsonChannelFailsStartupWithFix() {
        var attributes = jsonAttributes("nolib-" + token + ".orders");

        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in", attributes)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Channel 'in'")
                .hasMessageContaining("neither Jackson nor JSON-B")
                .hasMessageContaining("com.fasterxml.jackson.core:jackson-databind")
                .hasMessageContaining("org.eclipse:yasson");
    }

    @Test
    void objectPayloadIsNackedWithFix() throws Exception {
        createStream("nolib-out");

        List<Throwable> outcomes = publishThroughConnector(subject("nolib-out"),
                List.of(Message.of(new OrderPayload("o-1", 1))));

        assertThat(outcomes.get(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Channel 'out'")
                .hasMessageContaining(OrderPayload.class.getName())
                .hasMessageContaining("neither Jackson nor JSON-B")
                .hasMessageContaining("convert the payload to byte[] or String");
    }

    @Test
    void bytesAndStringStillFlow() throws Exception {
        String stream = createStream("nolib-plain");
        String subject = subject("nolib-plain");

        List<Throwable> outcomes = publishThroughConnector(subject,
                List.of(Message.of("text"), Message.of("bytes".getBytes(StandardCharsets.UTF_8))));
        RecordingSubscriber subscriber = consume("in", attributes("subject", subject, "durable", "d" + token,
                "fetch-wait", "300ms", "payload-type", "string"), Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.size() == 2);

        assertThat(outcomes).containsOnlyNulls();
        assertThat(subscriber.received.get(0).getPayload()).isEqualTo("text");
        assertThat(subscriber.received.get(1).getPayload()).isEqualTo("bytes");
        MessageInfo stored = stored(stream, 1);
        assertThat(stored.getHeaders() == null || stored.getHeaders().get("Content-Type") == null).isTrue();
    }
}
