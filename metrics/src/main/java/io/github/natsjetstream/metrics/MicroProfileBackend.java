package io.github.natsjetstream.metrics;

import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.util.AnnotationLiteral;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

/** Channel meters in the MicroProfile Metrics application registry, found through CDI. */
final class MicroProfileBackend implements MeterBackend {

    private static final System.Logger LOG = System.getLogger(MicroProfileBackend.class.getName());

    /**
     * The qualifiers tried in turn. MicroProfile Metrics 5 provides the application registry without
     * a qualifier, but SmallRye Metrics 5.1 reads the injection point's annotations in that producer
     * and fails on a programmatic lookup, which has none. Its producer for the deprecated
     * {@code @RegistryType(type = APPLICATION)} needs no injection point.
     */
    private static final List<Annotation> QUALIFIERS = List.of(Default.Literal.INSTANCE, new ApplicationRegistryType());

    private final MetricRegistry registry;

    private MicroProfileBackend(MetricRegistry registry) {
        this.registry = registry;
    }

    /**
     * Returns the backend of the application registry, or empty when the CDI container provides no
     * {@link MetricRegistry}, that is, no MicroProfile Metrics implementation is active.
     *
     * @throws IllegalStateException when no CDI container is available, for example while it starts
     */
    static Optional<MeterBackend> lookUp() {
        CDI<Object> container = CDI.current();
        for (Annotation qualifier : QUALIFIERS) {
            Instance<MetricRegistry> registries = container.select(MetricRegistry.class, qualifier);
            if (!registries.isResolvable()) {
                continue;
            }
            try {
                return Optional.of(new MicroProfileBackend(registries.get()));
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "Looking up the MicroProfile MetricRegistry with {0} failed: {1}", qualifier,
                        e.toString());
            }
        }
        return Optional.empty();
    }

    @Override
    public ChannelMeters register(String channel) {
        return new MicroProfileMeters(registry, channel);
    }

    @SuppressWarnings("deprecation")
    private static final class ApplicationRegistryType extends AnnotationLiteral<RegistryType> implements RegistryType {

        private static final long serialVersionUID = 1L;

        @Override
        public MetricRegistry.Type type() {
            return MetricRegistry.Type.APPLICATION;
        }
    }
}
