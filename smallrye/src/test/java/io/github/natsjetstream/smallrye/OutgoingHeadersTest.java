package io.github.natsjetstream.smallrye;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

class OutgoingHeadersTest {

    private final OutgoingHeadersDecorator decorator = new OutgoingHeadersDecorator();

    @Test
    void headersSurviveAddMetadataRewrap() {
        Message<String> original = JetStreamOutgoingMessage.of("body").withHeader("Order-Id", "42", "43");

        Message<String> rewrapped = original.addMetadata(new Object());

        assertThat(rewrapped).isNotInstanceOf(JetStreamOutgoingMessage.class);
        assertThat(decorator.headersOf(rewrapped)).containsEntry("Order-Id", List.of("42", "43"));
    }

    @Test
    void plainMessageWithMetadataHasHeaders() {
        Message<String> message = Message.of("body")
                .addMetadata(new JetStreamOutgoingMetadata(Map.of("Trace", List.of("a"))));

        assertThat(decorator.headersOf(message)).containsEntry("Trace", List.of("a"));
    }

    @Test
    void subjectSurvivesAddMetadataRewrap() {
        Message<String> rewrapped = JetStreamOutgoingMessage.of("body").withSubject("orders.eu")
                .addMetadata(new Object());

        assertThat(decorator.subjectOf(rewrapped)).contains("orders.eu");
        assertThat(decorator.subjectOf(Message.of("body"))).isEmpty();
    }

    @Test
    void metadataWithMethodsSetJetStreamHeaders() {
        JetStreamOutgoingMetadata metadata = new JetStreamOutgoingMetadata()
                .withMessageId("id-1")
                .withExpectedLastSequence(3)
                .withExpectedLastSubjectSequence(0)
                .withExpectedLastMessageId("id-0")
                .withExpectedStream("ORDERS");

        assertThat(metadata.headers())
                .containsEntry("Nats-Msg-Id", List.of("id-1"))
                .containsEntry("Nats-Expected-Last-Sequence", List.of("3"))
                .containsEntry("Nats-Expected-Last-Subject-Sequence", List.of("0"))
                .containsEntry("Nats-Expected-Last-Msg-Id", List.of("id-0"))
                .containsEntry("Nats-Expected-Stream", List.of("ORDERS"));
        assertThat(metadata.subject()).isNull();
        assertThatThrownBy(() -> metadata.withExpectedLastSequence(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> metadata.withSubject(" ")).hasMessageContaining("subject");
    }

    @Test
    void messageWithoutHeadersHasNone() {
        assertThat(decorator.headersOf(Message.of("body"))).isEmpty();
    }
}
