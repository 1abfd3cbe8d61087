package io.github.natsjetstream.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.util.AnnotationLiteral;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;

/**
 * Channel metrics in the MicroProfile Metrics application registry of SmallRye Metrics 5, on
 * SmallRye Reactive Messaging and Weld SE. Micrometer is on the class path too, as SmallRye
 * Metrics needs it, so this also checks that the metrics are registered only once.
 */
class MicroProfileMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static MessagingApplication application;
    private static MetricRegistry registry;

    @BeforeAll
    static void start() {
        application = MessagingApplication.start("microprofile");
        registry = application.bean(MetricRegistry.class, new ApplicationRegistryType());
    }

    @AfterAll
    static void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void publishesAndDeliveriesAreCounted() throws Exception {
        MessagingApplication.Sender sender = application.sender();
        for (String payload : new String[] {"first", MessagingApplication.NACK_ONCE, "third"}) {
            sender.send("orders", bytes(payload)).get(10, TimeUnit.SECONDS);
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(count(ChannelMetric.ACKED, "orders-in")).isEqualTo(3));
        assertThat(count(ChannelMetric.RECEIVED, "orders-in")).isEqualTo(4);
        assertThat(count(ChannelMetric.REDELIVERED, "orders-in")).isEqualTo(1);
        assertThat(count(ChannelMetric.NACKED, "orders-in")).isEqualTo(1);

        assertThat(count(ChannelMetric.PUBLISHED, "orders-out")).isEqualTo(3);
        assertThat(count(ChannelMetric.PUBLISH_FAILURES, "orders-out")).isZero();
        Timer latency = registry.getTimer(id(ChannelMetric.PUBLISH_LATENCY, "orders-out"));
        assertThat(latency.getCount()).isEqualTo(3);
        assertThat(latency.getElapsedTime()).isPositive();
        // A bound far above any real latency, which catches nanoseconds recorded as seconds.
        assertThat(latency.getElapsedTime()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void oversizedPublishCountsAsFailure() {
        CompletableFuture<Void> settled = application.sender().send("oversized", new byte[2 * 1024 * 1024]);

        assertThatThrownBy(() -> settled.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("max_payload");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(count(ChannelMetric.PUBLISH_FAILURES, "oversized-out")).isEqualTo(1));
        assertThat(count(ChannelMetric.PUBLISHED, "oversized-out")).isZero();
    }

    @Test
    void metricsAreRegisteredOnlyInMicroProfile() throws Exception {
        application.sender().send("stamped", bytes("one")).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(ChannelMetric.ACKED, "stamped-in")).isEqualTo(1));

        // SmallRye Metrics keeps its meters in Micrometer's global registry, tagged with the scope.
        List<Meter> meters = List.copyOf(Metrics.globalRegistry.find(ChannelMetric.ACKED.metricName())
                .tag(ChannelMetric.CHANNEL_TAG, "stamped-in").meters());
        assertThat(meters).hasSize(1);
        assertThat(meters.get(0).getId().getTag("mp_scope")).isEqualTo(MetricRegistry.APPLICATION_SCOPE);
    }

    /** Returns the counter's value, or -1 while the channel has no such counter yet. */
    private static long count(ChannelMetric metric, String channel) {
        Counter counter = registry.getCounter(id(metric, channel));
        return counter == null ? -1 : counter.getCount();
    }

    private static MetricID id(ChannelMetric metric, String channel) {
        return new MetricID(metric.metricName(), new Tag(ChannelMetric.CHANNEL_TAG, channel));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Selects the application registry. SmallRye Metrics 5.1 fails on a programmatic lookup without
     * a qualifier, as {@link MicroProfileBackend} explains.
     */
    @SuppressWarnings("deprecation")
    private static final class ApplicationRegistryType extends AnnotationLiteral<RegistryType> implements RegistryType {

        private static final long serialVersionUID = 1L;

        @Override
        public MetricRegistry.Type type() {
            return MetricRegistry.Type.APPLICATION;
        }
    }
}
