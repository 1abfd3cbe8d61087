package io.github.natsjetstream.incoming;

import java.util.List;

import io.github.natsjetstream.spi.Extensions;

/**
 * Replaces each incoming message with a subclass that adds what a runtime offers beyond the
 * MicroProfile API, such as SmallRye metadata. Implementations are found with
 * {@link Extensions}, so the portable core never refers to them.
 */
public interface IncomingMessageDecorator {

    <T> JetStreamIncomingMessage<T> decorate(JetStreamIncomingMessage<T> message);

    /** Returns the decorators on the class path, applied in the order found. */
    static List<IncomingMessageDecorator> load() {
        return Extensions.load(IncomingMessageDecorator.class);
    }

    /** Applies every decorator on the class path, in the order found. */
    static <T> JetStreamIncomingMessage<T> decorateAll(JetStreamIncomingMessage<T> message) {
        JetStreamIncomingMessage<T> decorated = message;
        for (IncomingMessageDecorator decorator : LoadedDecorators.DECORATORS) {
            decorated = decorator.decorate(decorated);
        }
        return decorated;
    }
}
