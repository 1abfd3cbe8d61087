package io.github.natsjetstream.interop;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A message that an {@code @Incoming} method of the connector received, read through
 * {@code message.unwrap(JetStreamIncomingMessage.class)}.
 *
 * @param payload the payload exactly as the connector handed it over, {@code null} included
 */
record ReceivedMessage(long streamSequence, long deliveredCount, String subject, Object payload,
        Map<String, List<String>> headers) {

    static ReceivedMessage of(Message<?> message) {
        JetStreamIncomingMessage<?> incoming = message.unwrap(JetStreamIncomingMessage.class);
        return new ReceivedMessage(incoming.getStreamSequence(), incoming.getDeliveredCount(), incoming.getSubject(),
                message.getPayload(), incoming.getHeaders());
    }
}
