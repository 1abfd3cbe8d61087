package io.github.natsjetstream.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pulling settings of an incoming channel, and how messages are handed to the application.
 *
 * @param inProgressAcks whether messages in flight longer than a third of ack-wait get in-progress acks
 * @param maxProcessingTime how long in-progress acks keep one message from being redelivered
 */
public record PullSettings(int batchSize, Duration fetchWait, PayloadType payloadType, boolean inProgressAcks,
                           Duration maxProcessingTime) {

    /** Payload type handed to the application. */
    public enum PayloadType {
        BYTES, STRING
    }

    private static final Map<String, PayloadType> PAYLOAD_TYPES = new LinkedHashMap<>();

    static {
        PAYLOAD_TYPES.put("bytes", PayloadType.BYTES);
        PAYLOAD_TYPES.put("string", PayloadType.STRING);
    }

    static PullSettings from(ChannelConfig config) {
        return new PullSettings(
                config.integer(Attribute.BATCH_SIZE, 1, 10),
                config.duration(Attribute.FETCH_WAIT, Duration.ofSeconds(5)),
                config.choice(Attribute.PAYLOAD_TYPE, PAYLOAD_TYPES, PayloadType.BYTES),
                config.bool(Attribute.IN_PROGRESS_ACKS, true),
                config.duration(Attribute.MAX_PROCESSING_TIME, Duration.ofMinutes(5)));
    }
}
