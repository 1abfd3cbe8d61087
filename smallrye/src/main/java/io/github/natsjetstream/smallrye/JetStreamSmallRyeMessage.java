package io.github.natsjetstream.smallrye;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * An incoming JetStream message that also carries {@link JetStreamIncomingMetadata} as SmallRye
 * metadata. Acking works exactly as in the connector's own message.
 */
final class JetStreamSmallRyeMessage<T> extends JetStreamIncomingMessage<T> {

    private final Metadata metadata;

    JetStreamSmallRyeMessage(JetStreamIncomingMessage<T> original) {
        super(original);
        this.metadata = Metadata.of(new JetStreamIncomingMetadata(getSubject(), getStream(), getConsumer(),
                getStreamSequence(), getConsumerSequence(), getDeliveredCount(), getTimestamp(), getPendingCount(),
                getHeaders()));
    }

    @Override
    public Metadata getMetadata() {
        return metadata;
    }
}
