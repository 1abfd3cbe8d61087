package io.github.natsjetstream.smallrye;

import java.util.List;
import java.util.Map;

import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import io.github.natsjetstream.outgoing.OutgoingMessageDecorator;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Carries outgoing headers as {@link JetStreamOutgoingMetadata}, and reads them back from any
 * message that has that metadata. The connector finds this class through {@code META-INF/services}.
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
}
