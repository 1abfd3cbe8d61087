package io.github.natsjetstream.benchmarks;

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
 * One application on SmallRye Reactive Messaging in a Weld SE container inside the benchmark JVM.
 *
 * <p>Each application has its own class loader, which only delegates to the benchmark's loader, and
 * its properties are registered with MP Config for that loader. The loader is the thread context
 * class loader while the container starts and stops, so SmallRye and the connector read this
 * application's properties and no system property or environment variable changes a run. The
 * connector and SmallRye jars are found through their {@code META-INF/beans.xml}; the benchmark jar
 * has none, so only the bean classes passed to {@link #start} are added from it.
 */
final class WeldApplication implements AutoCloseable {

    private static final int CONFIG_ORDINAL = 1000;
    private static final AtomicInteger CONTAINER_COUNTER = new AtomicInteger();

    private final WeldContainer container;
    private final ClassLoader applicationLoader;
    private final SmallRyeConfig config;

    private WeldApplication(WeldContainer container, ClassLoader applicationLoader, SmallRyeConfig config) {
        this.container = container;
        this.applicationLoader = applicationLoader;
        this.config = config;
    }

    static WeldApplication start(String name, Map<String, String> properties, Class<?>... beanClasses) {
        String containerId = "bench-" + name + "-" + CONTAINER_COUNTER.incrementAndGet();
        ClassLoader applicationLoader = new ClassLoader(containerId, WeldApplication.class.getClassLoader()) {
        };
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .forClassLoader(applicationLoader)
                .withSources(new PropertiesConfigSource(properties, "benchmark " + containerId, CONFIG_ORDINAL))
                .build();
        ConfigProviderResolver.instance().registerConfig(config, applicationLoader);

        Weld weld = new Weld(containerId).skipShutdownHook().addBeanClasses(beanClasses);
        try {
            WeldContainer container = withContextClassLoader(applicationLoader, weld::initialize);
            return new WeldApplication(container, applicationLoader, config);
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
    public void close() {
        try {
            withContextClassLoader(applicationLoader, () -> {
                container.shutdown();
                return null;
            });
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
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
