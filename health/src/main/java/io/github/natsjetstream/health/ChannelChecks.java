package io.github.natsjetstream.health;

import java.util.List;
import java.util.function.Predicate;

import io.github.natsjetstream.ChannelStatus;
import io.github.natsjetstream.JetStreamConnector;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Builds one health response over all channels of the connector, with one data entry per channel.
 */
final class ChannelChecks {

    private ChannelChecks() {
    }

    static HealthCheckResponse respond(String name, Instance<JetStreamConnector> connectors,
                                       Predicate<ChannelStatus> healthy) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name).up();
        if (connectors.isUnsatisfied()) {
            return response.build();
        }

        List<ChannelStatus> statuses = connectors.get().channelStatuses();
        for (ChannelStatus status : statuses) {
            response.withData(status.channel(), describe(status));
            if (!healthy.test(status)) {
                response.down();
            }
        }
        return response.build();
    }

    private static String describe(ChannelStatus status) {
        if (status.failure().isPresent()) {
            return "failed: " + status.failure().get();
        }
        if (!status.connected()) {
            return "disconnected";
        }
        if (!status.consumerBound()) {
            return "consumer not bound";
        }
        if (status.stalled()) {
            return "pulls stalled";
        }
        return "ready";
    }
}
