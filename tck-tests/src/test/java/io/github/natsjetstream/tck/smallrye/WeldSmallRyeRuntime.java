package io.github.natsjetstream.tck.smallrye;

import io.github.natsjetstream.tck.runtime.ApplicationStartException;
import io.github.natsjetstream.tck.runtime.MessagingRuntime;
import io.github.natsjetstream.tck.runtime.RunningApplication;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Runs applications on SmallRye Reactive Messaging in Weld SE containers inside the test JVM.
 *
 * <p>Each application gets its own Weld container id and its own class loader, which only
 * delegates to the test class loader. The application's configuration is registered with MP
 * Config for that class loader and the loader is the thread context class loader while the
 * container starts and stops. SmallRye Config's CDI {@code Config} bean and
 * {@code ConfigProvider.getConfig()} resolve the configuration by the context class loader, so
 * SmallRye Reactive Messaging and the connector both see the application's properties, and
 * two applications in one JVM can have different properties.
 *
 * <p>Bean discovery is on, so the connector jar and SmallRye's provider jar are found through
 * their {@code META-INF/beans.xml}. The test classes have no {@code beans.xml}, so only the bean
 * classes passed to {@link #start} are added from them.
 */
public final class WeldSmallRyeRuntime implements MessagingRuntime {

    /**
     * The ordinal of the application's properties. They are the only config source: system
     * properties and environment variables are left out, so the host's settings cannot change a
     * scenario.
     */
    private static final int CONFIG_ORDINAL = 1000;

    private static final AtomicInteger CONTAINER_COUNTER = new AtomicInteger();

    /** The package of the conformance application, which {@code tck-tests/app} puts on the class path. */
    private static final String CONFORMANCE_APPLICATION_PACKAGE = "io.github.natsjetstream.tck.app";

    /**
     * Starts an application made of the given bean classes. The conformance application's jar is a
     * bean archive on the same class path, so its beans are vetoed here.
     */
    @Override
    public RunningApplication start(String name, Map<String, String> properties, Collection<Class<?>> beanClasses) {
        return start(name, properties, beanClasses, true);
    }

    /**
     * Starts the conformance application, whose beans Weld discovers through the
     * {@code META-INF/beans.xml} of its jar.
     */
    public RunningApplication startConformanceApplication(String name, Map<String, String> properties) {
        return start(name, properties, List.of(), false);
    }

    private RunningApplication start(String name, Map<String, String> properties, Collection<Class<?>> beanClasses,
            boolean vetoConformanceApplication) {
        String containerId = "tck-" + name + "-" + CONTAINER_COUNTER.incrementAndGet();
        ClassLoader applicationLoader = new ClassLoader(containerId, WeldSmallRyeRuntime.class.getClassLoader()) {
        };

        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .forClassLoader(applicationLoader)
                .withSources(new PropertiesConfigSource(properties, "tck application " + containerId, CONFIG_ORDINAL))
                .build();
        ConfigProviderResolver.instance().registerConfig(config, applicationLoader);

        Weld weld = new Weld(containerId)
                .skipShutdownHook()
                .addBeanClasses(beanClasses.toArray(Class<?>[]::new));
        if (vetoConformanceApplication) {
            weld.addExtension(new ConformanceApplicationVeto());
        }
        try {
            WeldContainer container = withContextClassLoader(applicationLoader, weld::initialize);
            return new WeldApplication(containerId, container, applicationLoader, config);
        } catch (RuntimeException e) {
            withContextClassLoader(applicationLoader, () -> {
                weld.shutdown();
                return null;
            });
            ConfigProviderResolver.instance().releaseConfig(config);
            throw new ApplicationStartException("Weld container " + containerId + " failed to start: " + e, e);
        }
    }

    /**
     * Runs the action with the application's class loader as the thread context class loader, so
     * MP Config lookups during it resolve the application's configuration.
     */
    static <T> T withContextClassLoader(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Removes the conformance application's beans from an application made of other beans. */
    public static final class ConformanceApplicationVeto implements Extension {

        void vetoConformanceApplication(@Observes ProcessAnnotatedType<?> event) {
            if (event.getAnnotatedType().getJavaClass().getPackageName().equals(CONFORMANCE_APPLICATION_PACKAGE)) {
                event.veto();
            }
        }
    }

    private static final class WeldApplication implements RunningApplication {

        private final String containerId;
        private final WeldContainer container;
        private final ClassLoader applicationLoader;
        private final SmallRyeConfig config;
        private boolean closed;

        WeldApplication(String containerId, WeldContainer container, ClassLoader applicationLoader,
                SmallRyeConfig config) {
            this.containerId = containerId;
            this.container = container;
            this.applicationLoader = applicationLoader;
            this.config = config;
        }

        @Override
        public <T> T bean(Class<T> type) {
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
    }
}
