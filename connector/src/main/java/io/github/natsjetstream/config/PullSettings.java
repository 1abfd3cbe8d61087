package io.github.natsjetstream.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Pulling settings of an incoming channel, and how messages are handed to the application.
 *
 * @param inProgressAcks whether messages in flight longer than a third of ack-wait get in-progress acks
 * @param maxProcessingTime how long in-progress acks keep one message from being redelivered
 * @param payloadClass the class that JSON bodies are decoded to, present exactly when the payload type is JSON
 */
public record PullSettings(int batchSize, Duration fetchWait, PayloadType payloadType, boolean inProgressAcks,
                           Duration maxProcessingTime, Optional<String> payloadClass) {

    /** Payload type handed to the application. */
    public enum PayloadType {
        BYTES, STRING, JSON
    }

    private static final Map<String, PayloadType> PAYLOAD_TYPES = new LinkedHashMap<>();

    static {
        PAYLOAD_TYPES.put("bytes", PayloadType.BYTES);
        PAYLOAD_TYPES.put("string", PayloadType.STRING);
        PAYLOAD_TYPES.put("json", PayloadType.JSON);
    }

    static PullSettings from(ChannelConfig config) {
        PayloadType payloadType = config.choice(Attribute.PAYLOAD_TYPE, PAYLOAD_TYPES, PayloadType.BYTES);
        return new PullSettings(
                config.integer(Attribute.BATCH_SIZE, 1, 10),
                config.duration(Attribute.FETCH_WAIT, Duration.ofSeconds(5)),
                payloadType,
                config.bool(Attribute.IN_PROGRESS_ACKS, true),
                config.duration(Attribute.MAX_PROCESSING_TIME, Duration.ofMinutes(5)),
                payloadClass(config, payloadType));
    }

    private static Optional<String> payloadClass(ChannelConfig config, PayloadType payloadType) {
        if (payloadType == PayloadType.JSON) {
            return Optional.of(config.required(Attribute.PAYLOAD_CLASS,
                    "the fully qualified class to decode JSON bodies to, because payload-type is json"));
        }

        Optional<String> payloadClass = config.string(Attribute.PAYLOAD_CLASS);
        if (payloadClass.isPresent()) {
            throw new IllegalArgumentException("Channel '" + config.channel() + "' sets payload-class="
                    + payloadClass.get() + " with payload-type=" + payloadType.name().toLowerCase(Locale.ROOT)
                    + ", but payload-class applies only to payload-type=json. Set payload-type=json, or remove "
                    + "payload-class.");
        }
        return Optional.empty();
    }
}
