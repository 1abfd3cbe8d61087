package io.github.natsjetstream.metrics;

import java.time.Duration;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/** The meters of one channel in a MicroProfile Metrics 5 registry. */
final class MicroProfileMeters implements ChannelMeters {

    private final Counter received;
    private final Counter redelivered;
    private final Counter acked;
    private final Counter nacked;
    private final Counter published;
    private final Counter publishFailures;
    private final Timer publishLatency;

    MicroProfileMeters(MetricRegistry registry, String channel) {
        Tag tag = new Tag(ChannelMetric.CHANNEL_TAG, channel);
        this.received = counter(registry, ChannelMetric.RECEIVED, tag);
        this.redelivered = counter(registry, ChannelMetric.REDELIVERED, tag);
        this.acked = counter(registry, ChannelMetric.ACKED, tag);
        this.nacked = counter(registry, ChannelMetric.NACKED, tag);
        this.published = counter(registry, ChannelMetric.PUBLISHED, tag);
        this.publishFailures = counter(registry, ChannelMetric.PUBLISH_FAILURES, tag);
        this.publishLatency = registry.timer(metadata(ChannelMetric.PUBLISH_LATENCY, MetricUnits.NANOSECONDS), tag);
    }

    private static Counter counter(MetricRegistry registry, ChannelMetric metric, Tag tag) {
        return registry.counter(metadata(metric, MetricUnits.NONE), tag);
    }

    private static Metadata metadata(ChannelMetric metric, String unit) {
        return Metadata.builder()
                .withName(metric.metricName())
                .withDescription(metric.description())
                .withUnit(unit)
                .build();
    }

    @Override
    public void received(boolean redelivery) {
        received.inc();
        if (redelivery) {
            redelivered.inc();
        }
    }

    @Override
    public void acked() {
        acked.inc();
    }

    @Override
    public void nacked(Throwable reason) {
        nacked.inc();
    }

    @Override
    public void published(long latencyNanos) {
        published.inc();
        publishLatency.update(Duration.ofNanos(latencyNanos));
    }

    @Override
    public void publishFailed() {
        publishFailures.inc();
    }
}
