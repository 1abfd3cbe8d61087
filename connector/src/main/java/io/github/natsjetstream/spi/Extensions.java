package io.github.natsjetstream.spi;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Loads optional runtime-specific extensions with {@link ServiceLoader} from the connector's class
 * loader, so that the portable core never refers to them by name.
 */
public final class Extensions {

    private static final System.Logger LOG = System.getLogger(Extensions.class.getName());

    private Extensions() {
    }

    /**
     * Returns the implementations on the class path, in the order found. Any that cannot load are
     * skipped and logged: on Open Liberty, for example, the SmallRye ones refer to a
     * {@code Metadata} class that the runtime does not have.
     */
    public static <T> List<T> load(Class<T> type) {
        List<T> loaded = new ArrayList<>();
        Iterator<T> found = ServiceLoader.load(type, type.getClassLoader()).iterator();
        while (true) {
            try {
                if (!found.hasNext()) {
                    break;
                }
                loaded.add(found.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(Level.INFO, "Skipping a " + type.getSimpleName() + " that this runtime cannot load: " + e);
            }
        }
        if (!loaded.isEmpty()) {
            LOG.log(Level.DEBUG, "Loaded {0}: {1}", type.getSimpleName(), loaded);
        }
        return List.copyOf(loaded);
    }
}
