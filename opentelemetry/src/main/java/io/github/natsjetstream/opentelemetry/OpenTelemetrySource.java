package io.github.natsjetstream.opentelemetry;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Chooses the OpenTelemetry instance that the spans go to: the {@code OpenTelemetry} bean of the
 * application's CDI container when it has one, as MicroProfile Telemetry runtimes (Quarkus, Helidon,
 * Open Liberty) provide, else {@link GlobalOpenTelemetry} once something has set it, such as the
 * OpenTelemetry Java agent or the application. Until one of them is available, messages are not
 * traced.
 *
 * <p>The bean is looked up through {@code CDI.current()}, which fails while the container is still
 * starting. The source then uses the global instance if it is set, without keeping that choice, and
 * looks for the bean again at most once per {@link #CDI_RETRY_INTERVAL}, for up to {@link #CDI_WAIT}.
 */
final class OpenTelemetrySource {

    private static final System.Logger LOG = System.getLogger(OpenTelemetrySource.class.getName());
    private static final Duration CDI_RETRY_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CDI_WAIT = Duration.ofSeconds(30);

    private volatile Tracing chosen;
    /** Set once a CDI lookup returned, or failed for longer than {@link #CDI_WAIT}. After that, only the global instance is tried. */
    private volatile boolean cdiSettled = !isPresent("jakarta.enterprise.inject.spi.CDI");
    private boolean lookedUp;
    private long firstLookupNanos;
    private long nextLookupNanos;
    private final AtomicBoolean waitLogged = new AtomicBoolean();

    /** Returns the tracer and propagator to use, or {@code null} while no OpenTelemetry instance is available. */
    Tracing tracing() {
        Tracing current = chosen;
        if (current != null) {
            return current;
        }
        if (!cdiSettled) {
            Optional<OpenTelemetry> bean = lookUpBean();
            if (bean.isPresent()) {
                return choose(bean.get(), "the OpenTelemetry bean of the CDI container");
            }
            if (!cdiSettled) {
                return GlobalInstance.ifSet().map(Tracing::of).orElse(null);
            }
        }
        Optional<OpenTelemetry> global = GlobalInstance.ifSet();
        if (global.isPresent()) {
            return choose(global.get(), "GlobalOpenTelemetry");
        }
        logWaitOnce();
        return null;
    }

    private synchronized Optional<OpenTelemetry> lookUpBean() {
        if (cdiSettled) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        if (lookedUp && now - nextLookupNanos < 0) {
            return Optional.empty();
        }
        if (!lookedUp) {
            lookedUp = true;
            firstLookupNanos = now;
        }
        nextLookupNanos = now + CDI_RETRY_INTERVAL.toNanos();

        try {
            Optional<OpenTelemetry> bean = CdiOpenTelemetry.lookUp();
            cdiSettled = true;
            return bean;
        } catch (IllegalStateException e) {
            if (now - firstLookupNanos >= CDI_WAIT.toNanos()) {
                LOG.log(Level.INFO, "No CDI container answered for {0} s, so NATS JetStream tracing does not use an "
                        + "OpenTelemetry bean: {1}", String.valueOf(CDI_WAIT.toSeconds()), e.toString());
                cdiSettled = true;
            }
            return Optional.empty();
        }
    }

    private synchronized Tracing choose(OpenTelemetry openTelemetry, String description) {
        if (chosen == null) {
            LOG.log(Level.INFO, "NATS JetStream tracing uses {0}", description);
            chosen = Tracing.of(openTelemetry);
        }
        return chosen;
    }

    private void logWaitOnce() {
        if (!waitLogged.compareAndSet(false, true)) {
            return;
        }
        LOG.log(Level.INFO, "NATS JetStream tracing waits for OpenTelemetry: the CDI container has no OpenTelemetry "
                + "bean and GlobalOpenTelemetry is not set, so messages are not traced until one of them is");
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, OpenTelemetrySource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
