package io.github.natsjetstream.metrics;

import io.micrometer.core.instrument.Metrics;

/**
 * Channel meters in Micrometer's global registry, {@link Metrics#globalRegistry}. Spring Boot and
 * Quarkus add the registries they configure to it, and other applications add their own with
 * {@code Metrics.addRegistry(registry)}.
 */
final class MicrometerBackend implements MeterBackend {

    @Override
    public ChannelMeters register(String channel) {
        return new MicrometerMeters(Metrics.globalRegistry, channel);
    }
}
