package io.github.natsjetstream.smallrye;

import io.github.natsjetstream.incoming.IncomingMessageDecorator;
import io.github.natsjetstream.incoming.JetStreamIncomingMessage;

/**
 * Makes every incoming message carry {@link JetStreamIncomingMetadata}. The connector finds this
 * class through {@code META-INF/services} when this jar is on the class path.
 */
public final class MetadataDecorator implements IncomingMessageDecorator {

    @Override
    public <T> JetStreamIncomingMessage<T> decorate(JetStreamIncomingMessage<T> message) {
        return new JetStreamSmallRyeMessage<>(message);
    }
}
