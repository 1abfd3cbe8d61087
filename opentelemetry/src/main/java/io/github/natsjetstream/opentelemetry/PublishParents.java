package io.github.natsjetstream.opentelemetry;

import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.opentelemetry.context.Context;

/**
 * Finds the parent of a publish's span. The connector reports a publish on the thread that passed the
 * message to the channel. That is not always the application's thread, because while
 * {@code max-inflight} publishes are pending, the runtime passes the next message on the connector's
 * completion thread. A context that travels with the message is therefore preferred, in this order:
 * <ol>
 *   <li>the context set with {@link JetStreamTracing#withParentContext};</li>
 *   <li>for a forwarded {@link JetStreamIncomingMessage}, the context of its consumer span;</li>
 *   <li>the current context of SmallRye's {@code TracingMetadata}, which SmallRye's own connectors use;</li>
 *   <li>the context current on the calling thread.</li>
 * </ol>
 */
final class PublishParents {

    private PublishParents() {
    }

    static Context of(Message<?> message) {
        Optional<ParentContextMetadata> explicit = message.getMetadata(ParentContextMetadata.class);
        if (explicit.isPresent()) {
            return explicit.get().context();
        }
        if (message instanceof JetStreamIncomingMessage<?> forwarded) {
            Context received = ReceivedContexts.get(forwarded.unwrap(io.nats.client.Message.class));
            if (received != null) {
                return received;
            }
        }
        Context smallRye = SmallRyeTracing.currentContextOf(message);
        return smallRye != null ? smallRye : Context.current();
    }
}
