package io.github.natsjetstream.smallrye;

import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * An outgoing message whose headers and subject are also SmallRye metadata, so that they survive
 * when a runtime re-wraps the message with {@code addMetadata}, as Quarkus does for what an
 * {@code Emitter} sends. Its metadata also links back to its PubAck holder, so that the PubAck of
 * the re-wrapped message reaches the message the application kept.
 */
final class JetStreamSmallRyeOutgoingMessage<T> extends JetStreamOutgoingMessage<T> {

    JetStreamSmallRyeOutgoingMessage(JetStreamOutgoingMessage<T> original) {
        super(original);
    }

    @Override
    public Metadata getMetadata() {
        Metadata metadata = Metadata.of(new PublishAckLink(this::recordPublishAck));
        if (getHeaders().isEmpty() && getSubject().isEmpty()) {
            return metadata;
        }
        return metadata.with(new JetStreamOutgoingMetadata(getHeaders(), getSubject().orElse(null)));
    }
}
