package io.github.natsjetstream.incoming;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Replaces each incoming message with a subclass that adds what a runtime offers beyond the
 * MicroProfile API, such as SmallRye metadata. Implementations are found with
 * {@link ServiceLoader} in the connector's class loader, so the portable core never refers to them.
 */
public interface IncomingMessageDecorator {

    <T> JetStreamIncomingMessage<T> decorate(JetStreamIncomingMessage<T> message);

    /**
     * Returns the decorators on the class path, applied in the order found. Any that cannot load
     * are skipped: on Open Liberty, for example, the SmallRye one refers to a {@code Metadata}
     * class that the runtime does not have.
     */
    static List<IncomingMessageDecorator> load() {
        List<IncomingMessageDecorator> decorators = new ArrayList<>();
        Iterator<IncomingMessageDecorator> found = ServiceLoader.load(IncomingMessageDecorator.class,
                IncomingMessageDecorator.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!found.hasNext()) {
                    break;
                }
                decorators.add(found.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                System.getLogger(IncomingMessageDecorator.class.getName()).log(Level.INFO,
                        "Skipping an incoming message decorator this runtime cannot load: " + e);
            }
        }
        if (!decorators.isEmpty()) {
            System.getLogger(IncomingMessageDecorator.class.getName()).log(Level.DEBUG,
                    "Incoming messages are decorated by {0}", decorators);
        }
        return List.copyOf(decorators);
    }
}
