package io.github.natsjetstream.config;

import java.time.Duration;

/**
 * Validated settings of an outgoing channel: acknowledged JetStream publishes.
 */
public record OutgoingConfig(String channel, String subject, StreamSettings stream, Duration publishTimeout,
                             int publishRetries, int maxInflight, Duration shutdownTimeout) {

    public static OutgoingConfig from(ChannelConfig config) {
        String subject = config.string(Attribute.SUBJECT, NatsNames.baseChannelName(config.channel()));
        if (subject.contains("*") || subject.contains(">")) {
            throw config.invalid(Attribute.SUBJECT, subject, "a subject without wildcards to publish to");
        }

        return new OutgoingConfig(
                config.channel(),
                subject,
                StreamSettings.from(config),
                config.duration(Attribute.PUBLISH_TIMEOUT, Duration.ofSeconds(5)),
                config.integer(Attribute.PUBLISH_RETRIES, 0, 0),
                config.integer(Attribute.MAX_INFLIGHT, 1, 1024),
                config.duration(Attribute.SHUTDOWN_TIMEOUT, Duration.ofSeconds(10)));
    }
}
