package io.github.natsjetstream.smallrye;

import static org.assertj.core.api.Assertions.assertThat;

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
    void messageWithoutHeadersHasNone() {
        assertThat(decorator.headersOf(Message.of("body"))).isEmpty();
    }
}
