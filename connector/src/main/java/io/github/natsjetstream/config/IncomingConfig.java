package io.github.natsjetstream.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.nats.client.api.DeliverPolicy;

/**
 * Validated settings of an incoming channel: a durable pull consumer with explicit ack.
 *
 * @param ackWait applied when the durable is created; empty keeps the server default
 * @param maxDeliver applied when the durable is created; empty keeps the server default
 * @param maxAckPending applied when the durable is created; empty keeps the server default
 * @param deliverPolicy applied when the durable is created; empty keeps the server default ({@code all})
 */
public record IncomingConfig(String channel, String subject, String durable, StreamSettings stream,
                             int batchSize, Duration fetchWait, Optional<Duration> ackWait,
                             Optional<Integer> maxDeliver, Optional<Integer> maxAckPending,
                             Optional<DeliverPolicy> deliverPolicy, PayloadType payloadType,
                             Duration shutdownTimeout) {

    /** Payload type handed to the application. */
    public enum PayloadType {
        BYTES, STRING
    }

    private static final Map<String, DeliverPolicy> DELIVER_POLICIES = new LinkedHashMap<>();
    private static final Map<String, PayloadType> PAYLOAD_TYPES = new LinkedHashMap<>();

    static {
        DELIVER_POLICIES.put("all", DeliverPolicy.All);
        DELIVER_POLICIES.put("last", DeliverPolicy.Last);
        DELIVER_POLICIES.put("new", DeliverPolicy.New);
        DELIVER_POLICIES.put("last-per-subject", DeliverPolicy.LastPerSubject);
        PAYLOAD_TYPES.put("bytes", PayloadType.BYTES);
        PAYLOAD_TYPES.put("string", PayloadType.STRING);
    }

    public static IncomingConfig from(ChannelConfig config) {
        String durable = config.required(Attribute.DURABLE,
                "the durable pull consumer name; instances that share it share the messages");
        if (!NatsNames.isValidName(durable)) {
            throw config.invalid(Attribute.DURABLE, durable,
                    "a consumer name without spaces, '.', '*', '>', '/', '\\' or '$'");
        }

        return new IncomingConfig(
                config.channel(),
                config.string(Attribute.SUBJECT, NatsNames.baseChannelName(config.channel())),
                durable,
                StreamSettings.from(config),
                config.integer(Attribute.BATCH_SIZE, 1, 10),
                config.duration(Attribute.FETCH_WAIT, Duration.ofSeconds(5)),
                config.duration(Attribute.ACK_WAIT),
                config.integer(Attribute.MAX_DELIVER, 1),
                config.integer(Attribute.MAX_ACK_PENDING, 1),
                Optional.ofNullable(config.choice(Attribute.DELIVER_POLICY, DELIVER_POLICIES, null)),
                config.choice(Attribute.PAYLOAD_TYPE, PAYLOAD_TYPES, PayloadType.BYTES),
                config.duration(Attribute.SHUTDOWN_TIMEOUT, Duration.ofSeconds(10)));
    }
}
