package io.github.natsjetstream.metrics;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/** The meters of one channel in a Micrometer registry. */
final class MicrometerMeters implements ChannelMeters {

    private final Counter received;
    private final Counter redelivered;
    private final Counter acked;
    private final Counter nacked;
    private final Counter published;
    private final Counter publishFailures;
    private final Timer publishLatency;

    MicrometerMeters(MeterRegistry registry, String channel) {
        Tags tags = Tags.of(ChannelMetric.CHANNEL_TAG, channel);
        this.received = counter(registry, ChannelMetric.RECEIVED, tags);
        this.redelivered = counter(registry, ChannelMetric.REDELIVERED, tags);
        this.acked = counter(registry, ChannelMetric.ACKED, tags);
        this.nacked = counter(registry, ChannelMetric.NACKED, tags);
        this.published = counter(registry, ChannelMetric.PUBLISHED, tags);
        this.publishFailures = counter(registry, ChannelMetric.PUBLISH_FAILURES, tags);
        this.publishLatency = Timer.builder(ChannelMetric.PUBLISH_LATENCY.metricName())
                .description(ChannelMetric.PUBLISH_LATENCY.description())
                .tags(tags)
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, ChannelMetric metric, Tags tags) {
        return Counter.builder(metric.metricName())
                .description(metric.description())
                .tags(tags)
                .register(registry);
    }

    @Override
    public void received(boolean redelivery) {
        received.increment();
        if (redelivery) {
            redelivered.increment();
        }
    }

    @Override
    public void acked() {
        acked.increment();
    }

    @Override
    public void nacked(Throwable reason) {
        nacked.increment();
    }

    @Override
    public void published(long latencyNanos) {
        published.increment();
        publishLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void publishFailed() {
        publishFailures.increment();
    }
}
