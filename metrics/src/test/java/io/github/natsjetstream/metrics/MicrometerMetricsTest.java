package io.github.natsjetstream.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Channel metrics in Micrometer's global registry, and the observer contract, on SmallRye Reactive
 * Messaging and Weld SE. Surefire runs this class without the MicroProfile Metrics jars, so the
 * metrics go to Micrometer as in an application that has only Micrometer.
 */
class MicrometerMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static SimpleMeterRegistry registry;
    private static MessagingApplication application;

    @BeforeAll
    static void start() {
        registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        application = MessagingApplication.start("micrometer");
    }

    @AfterAll
    static void stop() {
        try {
            if (application != null) {
                application.close();
            }
        } finally {
            Metrics.removeRegistry(registry);
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
        assertThat(application.receiver().deliveries("orders")).hasSize(4);

        assertThat(count(ChannelMetric.PUBLISHED, "orders-out")).isEqualTo(3);
        assertThat(count(ChannelMetric.PUBLISH_FAILURES, "orders-out")).isZero();
        Timer latency = registry.get(ChannelMetric.PUBLISH_LATENCY.metricName())
                .tag(ChannelMetric.CHANNEL_TAG, "orders-out").timer();
        assertThat(latency.count()).isEqualTo(3);
        assertThat(latency.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        // A bound far above any real latency, which catches nanoseconds recorded as seconds.
        assertThat(latency.max(TimeUnit.SECONDS)).isLessThan(10);
    }

    @Test
    void oversizedPublishCountsAsFailure() throws Exception {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];

        CompletableFuture<Void> settled = application.sender().send("oversized", twoMegabytes);

        assertThatThrownBy(() -> settled.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("max_payload");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(count(ChannelMetric.PUBLISH_FAILURES, "oversized-out")).isEqualTo(1));
        assertThat(count(ChannelMetric.PUBLISHED, "oversized-out")).isZero();
        assertThat(registry.get(ChannelMetric.PUBLISH_LATENCY.metricName())
                .tag(ChannelMetric.CHANNEL_TAG, "oversized-out").timer().count()).isZero();
    }

    @Test
    void observerHeadersArePublished() throws Exception {
        MessagingApplication.Sender sender = application.sender();
        sender.send("stamped", bytes("without headers")).get(10, TimeUnit.SECONDS);
        sender.send("stamped", JetStreamOutgoingMessage.of(bytes("with a header")).withHeader("Order-Id", "7"))
                .get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> application.receiver().deliveries("stamped").size() == 2);
        JetStreamIncomingMessage<?> first = application.receiver().deliveries("stamped").get(0);
        JetStreamIncomingMessage<?> second = application.receiver().deliveries("stamped").get(1);
        assertThat(first.getHeaders()).containsEntry(TestChannelObserver.CHANNEL_HEADER, List.of("stamped-out"));
        assertThat(second.getHeaders()).containsEntry(TestChannelObserver.CHANNEL_HEADER, List.of("stamped-out"));
        assertThat(second.getHeaders()).containsEntry("Order-Id", List.of("7"));
    }

    @Test
    void throwingObserverBreaksNoChannel() throws Exception {
        for (String pair : new String[] {"broken", "faulty"}) {
            application.sender().send(pair, bytes("still delivered")).get(10, TimeUnit.SECONDS);

            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(count(ChannelMetric.ACKED, pair + "-in")).as(pair).isEqualTo(1));
            assertThat(count(ChannelMetric.RECEIVED, pair + "-in")).as(pair).isEqualTo(1);
            assertThat(count(ChannelMetric.PUBLISHED, pair + "-out")).as(pair).isEqualTo(1);
        }
        assertThat(application.receiver().deliveries("broken")).hasSize(1);
        assertThat(application.receiver().deliveries("faulty")).hasSize(1);
        for (CompletionStage<Void> settlement : application.receiver().settlements()) {
            assertThat(settlement.toCompletableFuture()).succeedsWithin(Duration.ofSeconds(5));
        }
    }

    /** Returns the counter's value, or -1 while the channel has no such counter yet. */
    private static double count(ChannelMetric metric, String channel) {
        Counter counter = registry.find(metric.metricName()).tag(ChannelMetric.CHANNEL_TAG, channel).counter();
        return counter == null ? -1 : counter.count();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
