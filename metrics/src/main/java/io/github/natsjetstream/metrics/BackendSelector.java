package io.github.natsjetstream.metrics;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

/**
 * Chooses, once per JVM, where metrics go: the MicroProfile Metrics application registry when the
 * application's CDI container provides one, else Micrometer's global registry when Micrometer is on
 * the class path, else nowhere. MicroProfile Metrics comes first because SmallRye Metrics 5 keeps
 * its meters in Micrometer's global registry, where the same names registered a second time, with
 * other tags, would clash.
 *
 * <p>The MicroProfile registry is looked up through {@code CDI.current()}, which fails while the
 * container is still starting. The selector then records nothing and looks again at most once per
 * {@link #RETRY_INTERVAL}, for up to {@link #CDI_WAIT}. After that it falls back to Micrometer.
 */
final class BackendSelector {

    private static final System.Logger LOG = System.getLogger(BackendSelector.class.getName());
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CDI_WAIT = Duration.ofSeconds(30);

    private final boolean micrometerPresent = isPresent("io.micrometer.core.instrument.Metrics");
    private final boolean microProfilePresent = isPresent("org.eclipse.microprofile.metrics.MetricRegistry")
            && isPresent("jakarta.enterprise.inject.spi.CDI");

    private volatile MeterBackend chosen;
    private long firstLookupNanos;
    private long nextLookupNanos;
    private boolean lookedUp;

    /** Returns the chosen backend, or {@code null} while the choice waits for CDI. */
    MeterBackend backend() {
        MeterBackend current = chosen;
        return current != null ? current : choose();
    }

    private synchronized MeterBackend choose() {
        if (chosen != null) {
            return chosen;
        }
        long now = System.nanoTime();
        if (lookedUp && now - nextLookupNanos < 0) {
            return null;
        }
        if (!lookedUp) {
            lookedUp = true;
            firstLookupNanos = now;
        }
        nextLookupNanos = now + RETRY_INTERVAL.toNanos();

        if (microProfilePresent) {
            try {
                Optional<MeterBackend> microProfile = MicroProfileBackend.lookUp();
                if (microProfile.isPresent()) {
                    return choose(microProfile.get(), "the MicroProfile Metrics application registry");
                }
            } catch (IllegalStateException e) {
                if (now - firstLookupNanos < CDI_WAIT.toNanos()) {
                    return null;
                }
                LOG.log(Level.INFO, "No CDI container answered for {0} s, so NATS JetStream channel metrics do not "
                        + "use MicroProfile Metrics: {1}", String.valueOf(CDI_WAIT.toSeconds()), e.toString());
            }
        }
        if (micrometerPresent) {
            return choose(new MicrometerBackend(), "Micrometer's global registry (Metrics.globalRegistry)");
        }
        LOG.log(Level.INFO, "NATS JetStream channel metrics are off: neither a MicroProfile Metrics registry nor "
                + "Micrometer is available. Add one of them to record them.");
        chosen = MeterBackend.NONE;
        return chosen;
    }

    private MeterBackend choose(MeterBackend backend, String description) {
        LOG.log(Level.INFO, "NATS JetStream channel metrics are recorded in {0}", description);
        chosen = backend;
        return backend;
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, BackendSelector.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
