package io.github.natsjetstream.incoming;

import java.util.List;

/** The incoming message decorators on the class path, loaded once. */
final class LoadedDecorators {

    static final List<IncomingMessageDecorator> DECORATORS = IncomingMessageDecorator.load();

    private LoadedDecorators() {
    }
}
