package io.github.natsjetstream.outgoing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Adds a runtime-specific view of outgoing headers, found with {@link ServiceLoader} in the
 * connector's class loader.
 *
 * <p>Some runtimes re-wrap a message on its way to the connector, for example Quarkus adds context
 * metadata to what an {@code Emitter} sends, and the wrapper is no longer a
 * {@link JetStreamOutgoingMessage}. A decorator can carry the headers in the runtime's own
 * metadata, which survives the re-wrapping, and read them back in {@link #headersOf}.
 */
public interface OutgoingMessageDecorator {

    /** Decorators on the class path, in the order found. */
    List<OutgoingMessageDecorator> DECORATORS = load();

    <T> JetStreamOutgoingMessage<T> decorate(JetStreamOutgoingMessage<T> message);

    /** Returns the headers that this runtime carries for a message, or an empty map. */
    Map<String, List<String>> headersOf(Message<?> message);

    /**
     * Loads the decorators, skipping any that cannot load: on Open Liberty, for example, the
     * SmallRye one refers to a {@code Metadata} class that the runtime does not have.
     */
    private static List<OutgoingMessageDecorator> load() {
        List<OutgoingMessageDecorator> decorators = new ArrayList<>();
        Iterator<OutgoingMessageDecorator> found = ServiceLoader.load(OutgoingMessageDecorator.class,
                OutgoingMessageDecorator.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!found.hasNext()) {
                    break;
                }
                decorators.add(found.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                System.getLogger(OutgoingMessageDecorator.class.getName()).log(System.Logger.Level.INFO,
                        "Skipping an outgoing message decorator this runtime cannot load: " + e);
            }
        }
        return List.copyOf(decorators);
    }
}
