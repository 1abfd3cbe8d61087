package io.github.natsjetstream.health;

import io.github.natsjetstream.ChannelStatus;
import io.github.natsjetstream.JetStreamConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness of the {@code nats-jetstream} channels: DOWN once any channel has failed, for example
 * with {@code failure-strategy=fail}. A disconnected channel is still alive, because it reconnects.
 */
@Liveness
@ApplicationScoped
public class JetStreamLivenessCheck implements HealthCheck {

    @Inject
    @Any
    Instance<JetStreamConnector> connectors;

    @Override
    public HealthCheckResponse call() {
        return ChannelChecks.respond("nats-jetstream-liveness", connectors, ChannelStatus::alive);
    }
}
