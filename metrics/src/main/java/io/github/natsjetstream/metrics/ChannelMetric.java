package io.github.natsjetstream.metrics;

/**
 * The metrics recorded per channel, each tagged {@value #CHANNEL_TAG} with the channel name. The
 * names are the same in Micrometer and in MicroProfile Metrics. Each registry's exporter adapts them,
 * for example Prometheus shows {@code nats_jetstream_messages_received_total}.
 */
public enum ChannelMetric {

    /** Counter of messages that an incoming channel handed to the application, redeliveries included. */
    RECEIVED("nats.jetstream.messages.received",
            "Messages that the incoming channel handed to the application, redeliveries included"),
    /** Counter of received messages whose JetStream delivery count was greater than 1. */
    REDELIVERED("nats.jetstream.messages.redelivered",
            "Messages handed to the application that the server had delivered before"),
    /** Counter of received messages that the application acked. */
    ACKED("nats.jetstream.messages.acked", "Incoming messages that the application acked"),
    /** Counter of received messages that the application nacked or whose method threw. */
    NACKED("nats.jetstream.messages.nacked",
            "Incoming messages that the application nacked, before the channel's failure-strategy applies"),
    /** Counter of messages that an outgoing channel published and the stream stored. */
    PUBLISHED("nats.jetstream.messages.published", "Messages published and stored by the stream (PubAck received)"),
    /** Counter of publishes that failed: too large, no PubAck within publish-timeout, or rejected. */
    PUBLISH_FAILURES("nats.jetstream.publish.failures",
            "Publishes that failed after the last attempt; the application's message was nacked"),
    /** Timer from the start of a publish to its PubAck, for publishes that succeeded. */
    PUBLISH_LATENCY("nats.jetstream.publish.latency", "Time from the start of a publish to its PubAck");

    /** The tag, or label, that carries the channel name. */
    public static final String CHANNEL_TAG = "channel";

    private final String metricName;
    private final String description;

    ChannelMetric(String metricName, String description) {
        this.metricName = metricName;
        this.description = description;
    }

    public String metricName() {
        return metricName;
    }

    public String description() {
        return description;
    }
}
