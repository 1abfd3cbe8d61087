package io.github.natsjetstream.interop;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A SmallRye Reactive Messaging application in its own Weld SE container, with its own
 * MicroProfile Config properties.
 *
 * <p>Each application gets a class loader of its own that only delegates to this class's loader.
 * Its configuration is registered with MP Config for that loader, and the loader is the thread
 * context class loader while the container starts and stops. The properties are the only config
 * source, so system properties and environment variables cannot change a test.
 */
final class InteropApplication implements AutoCloseable {

    private static final int CONFIG_ORDINAL = 1000;
    private static final AtomicInteger CONTAINER_COUNTER = new AtomicInteger();

    private final String containerId;
    private final WeldContainer container;
    private final ClassLoader applicationLoader;
    private final SmallRyeConfig config;
    private boolean closed;

    private InteropApplication(String containerId, WeldContainer container, ClassLoader applicationLoader,
            SmallRyeConfig config) {
        this.containerId = containerId;
        this.container = container;
        this.applicationLoader = applicationLoader;
        this.config = config;
    }

    /** Starts the application and returns once its channels are wired to the connector. */
    static InteropApplication start(String name, Map<String, String> properties, Class<?>... beanClasses) {
        String containerId = "interop-" + name + "-" + CONTAINER_COUNTER.incrementAndGet();
        ClassLoader applicationLoader = new ClassLoader(containerId, InteropApplication.class.getClassLoader()) {
        };
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .forClassLoader(applicationLoader)
                .withSources(new PropertiesConfigSource(properties, "interop application " + containerId,
                        CONFIG_ORDINAL))
                .build();
        ConfigProviderResolver.instance().registerConfig(config, applicationLoader);

        Weld weld = new Weld(containerId).skipShutdownHook().addBeanClasses(beanClasses);
        try {
            WeldContainer container = withContextClassLoader(applicationLoader, weld::initialize);
            return new InteropApplication(containerId, container, applicationLoader, config);
        } catch (RuntimeException e) {
            withContextClassLoader(applicationLoader, () -> {
                weld.shutdown();
                return null;
            });
            ConfigProviderResolver.instance().releaseConfig(config);
            throw new IllegalStateException("Weld container " + containerId + " failed to start: " + e, e);
        }
    }

    <T> T bean(Class<T> type) {
        return withContextClassLoader(applicationLoader, () -> container.select(type).get());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            withContextClassLoader(applicationLoader, () -> {
                container.shutdown();
                return null;
            });
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    @Override
    public String toString() {
        return "Weld container " + containerId;
    }

    private static <T> T withContextClassLoader(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
