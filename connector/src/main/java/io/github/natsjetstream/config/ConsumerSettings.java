package io.github.natsjetstream.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.nats.client.api.DeliverPolicy;

/**
 * The durable pull consumer of an incoming channel. An empty optional keeps the server default.
 *
 * @param recreate whether a durable that disappears while the channel runs is created again
 */
public record ConsumerSettings(String durable, Optional<Duration> ackWait, Optional<Integer> maxDeliver,
                               Optional<Integer> maxAckPending, Optional<DeliverPolicy> deliverPolicy,
                               boolean recreate) {

    private static final Map<String, DeliverPolicy> DELIVER_POLICIES = new LinkedHashMap<>();

    static {
        DELIVER_POLICIES.put("all", DeliverPolicy.All);
        DELIVER_POLICIES.put("last", DeliverPolicy.Last);
        DELIVER_POLICIES.put("new", DeliverPolicy.New);
        DELIVER_POLICIES.put("last-per-subject", DeliverPolicy.LastPerSubject);
    }

    static ConsumerSettings from(ChannelConfig config) {
        String durable = config.required(Attribute.DURABLE,
                "the durable pull consumer name; instances that share it share the messages");
        if (!NatsNames.isValidName(durable)) {
            throw config.invalid(Attribute.DURABLE, durable,
                    "a consumer name without spaces, '.', '*', '>', '/', '\\' or '$'");
        }

        return new ConsumerSettings(
                durable,
                config.duration(Attribute.ACK_WAIT),
                config.integer(Attribute.MAX_DELIVER, 1),
                config.integer(Attribute.MAX_ACK_PENDING, 1),
                Optional.ofNullable(config.choice(Attribute.DELIVER_POLICY, DELIVER_POLICIES, null)),
                config.bool(Attribute.CONSUMER_RECREATE, true));
    }
}
