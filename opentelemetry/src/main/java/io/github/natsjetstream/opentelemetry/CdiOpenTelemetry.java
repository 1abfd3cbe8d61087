package io.github.natsjetstream.opentelemetry;

import java.lang.System.Logger.Level;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

import io.opentelemetry.api.OpenTelemetry;

/** The {@code OpenTelemetry} bean that MicroProfile Telemetry runtimes provide through CDI. */
final class CdiOpenTelemetry {

    private static final System.Logger LOG = System.getLogger(CdiOpenTelemetry.class.getName());

    private CdiOpenTelemetry() {
    }

    /**
     * Returns the bean, or empty when the container has none.
     *
     * @throws IllegalStateException when no CDI container is available, for example while it starts
     */
    static Optional<OpenTelemetry> lookUp() {
        Instance<OpenTelemetry> beans = CDI.current().select(OpenTelemetry.class);
        if (!beans.isResolvable()) {
            return Optional.empty();
        }
        try {
            return Optional.of(beans.get());
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "Creating the OpenTelemetry bean for NATS JetStream tracing failed, so it is not "
                    + "used: {0}", e.toString());
            return Optional.empty();
        }
    }
}
