package io.github.natsjetstream.health;

import io.github.natsjetstream.ChannelStatus;
import io.github.natsjetstream.JetStreamConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the {@code nats-jetstream} channels: DOWN while any channel is disconnected, has no
 * bound consumer, has stalled pulls or has failed; UP again once all recover.
 */
@Readiness
@ApplicationScoped
public class JetStreamReadinessCheck implements HealthCheck {

    @Inject
    @Any
    Instance<JetStreamConnector> connectors;

    @Override
    public HealthCheckResponse call() {
        return ChannelChecks.respond("nats-jetstream-readiness", connectors, ChannelStatus::ready);
    }
}
