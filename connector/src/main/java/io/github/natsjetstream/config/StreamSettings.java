package io.github.natsjetstream.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;

/**
 * The stream a channel uses, and the settings to create it when no stream captures the channel's subject.
 *
 * @param name the configured stream name, if any
 * @param subjects the configured subjects for a created stream; empty means {@code <first token>.>}
 */
public record StreamSettings(Optional<String> name, List<String> subjects, StorageType storage,
                             RetentionPolicy retention, int replicas, boolean autoCreate) {

    private static final Map<String, StorageType> STORAGE = new LinkedHashMap<>();
    private static final Map<String, RetentionPolicy> RETENTION = new LinkedHashMap<>();

    static {
        STORAGE.put("file", StorageType.File);
        STORAGE.put("memory", StorageType.Memory);
        RETENTION.put("limits", RetentionPolicy.Limits);
        RETENTION.put("workqueue", RetentionPolicy.WorkQueue);
        RETENTION.put("interest", RetentionPolicy.Interest);
    }

    /**
     * Returns settings for a stream found or created from a subject alone, such as a dead-letter
     * subject: no configured name or subjects, and limits retention, with this channel's storage,
     * replicas and auto-creation.
     */
    public StreamSettings derived() {
        return new StreamSettings(Optional.empty(), List.of(), storage, RetentionPolicy.Limits, replicas, autoCreate);
    }

    public static StreamSettings from(ChannelConfig config) {
        Optional<String> name = config.string(Attribute.STREAM);
        name.ifPresent(value -> {
            if (!NatsNames.isValidName(value)) {
                throw config.invalid(Attribute.STREAM, value,
                        "a stream name without spaces, '.', '*', '>', '/', '\\' or '$'");
            }
        });

        return new StreamSettings(
                name,
                List.copyOf(config.list(Attribute.STREAM_SUBJECTS)),
                config.choice(Attribute.STREAM_STORAGE, STORAGE, StorageType.File),
                config.choice(Attribute.STREAM_RETENTION, RETENTION, RetentionPolicy.Limits),
                config.integer(Attribute.STREAM_REPLICAS, 1, 1),
                config.bool(Attribute.AUTO_CREATE_STREAM, true));
    }
}
