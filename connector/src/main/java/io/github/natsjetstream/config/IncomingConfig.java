package io.github.natsjetstream.config;

import java.time.Duration;

/**
 * Validated settings of an incoming channel: a durable pull consumer with explicit ack.
 */
public record IncomingConfig(String channel, String subject, StreamSettings stream, ConsumerSettings consumer,
                             PullSettings pull, FailureSettings failure, Duration shutdownTimeout) {

    public static IncomingConfig from(ChannelConfig config) {
        return new IncomingConfig(
                config.channel(),
                config.string(Attribute.SUBJECT, NatsNames.baseChannelName(config.channel())),
                StreamSettings.from(config),
                ConsumerSettings.from(config),
                PullSettings.from(config),
                FailureSettings.from(config),
                config.duration(Attribute.SHUTDOWN_TIMEOUT, Duration.ofSeconds(10)));
    }

    public String durable() {
        return consumer.durable();
    }
}
