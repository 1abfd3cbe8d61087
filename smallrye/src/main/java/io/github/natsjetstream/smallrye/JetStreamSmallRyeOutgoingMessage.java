package io.github.natsjetstream.smallrye;

import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * An outgoing message whose headers are also SmallRye metadata, so that they survive when a runtime
 * re-wraps the message with {@code addMetadata}, as Quarkus does for what an {@code Emitter} sends.
 */
final class JetStreamSmallRyeOutgoingMessage<T> extends JetStreamOutgoingMessage<T> {

    JetStreamSmallRyeOutgoingMessage(JetStreamOutgoingMessage<T> original) {
        super(original);
    }

    @Override
    public Metadata getMetadata() {
        if (getHeaders().isEmpty()) {
            return Metadata.empty();
        }
        return Metadata.of(new JetStreamOutgoingMetadata(getHeaders()));
    }
}
