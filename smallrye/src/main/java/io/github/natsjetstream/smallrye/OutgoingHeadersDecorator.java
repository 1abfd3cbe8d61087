package io.github.natsjetstream.smallrye;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import io.github.natsjetstream.outgoing.OutgoingMessageDecorator;
import io.nats.client.api.PublishAck;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Carries the headers and subject of outgoing messages as {@link JetStreamOutgoingMetadata}, reads
 * them back from any message that has that metadata, and hands the PubAck to SmallRye's
 * {@link OutgoingMessageMetadata} and to the {@link JetStreamOutgoingMessage} a message was made
 * from. The connector finds this class through {@code META-INF/services}.
 */
public final class OutgoingHeadersDecorator implements OutgoingMessageDecorator {

    @Override
    public <T> JetStreamOutgoingMessage<T> decorate(JetStreamOutgoingMessage<T> message) {
        return new JetStreamSmallRyeOutgoingMessage<>(message);
    }

    @Override
    public Map<String, List<String>> headersOf(Message<?> message) {
        return message.getMetadata(JetStreamOutgoingMetadata.class)
                .map(JetStreamOutgoingMetadata::headers)
                .orElse(Map.of());
    }

    @Override
    public Optional<String> subjectOf(Message<?> message) {
        return message.getMetadata(JetStreamOutgoingMetadata.class)
                .map(JetStreamOutgoingMetadata::subject);
    }

    @Override
    public void publishAckReceived(Message<?> message, PublishAck ack) {
        message.getMetadata(PublishAckLink.class).ifPresent(link -> link.target().accept(ack));
        OutgoingMessageMetadata.setResultOnMessage(message, ack);
    }
}
