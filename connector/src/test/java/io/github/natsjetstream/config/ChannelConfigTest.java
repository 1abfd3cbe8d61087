package io.github.natsjetstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class ChannelConfigTest {

    private static ChannelConfig incoming(Map<String, String> attributes) {
        Map<String, String> properties = new HashMap<>(attributes);
        properties.put("channel-name", "orders");
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return ChannelConfig.incoming(config);
    }

    @Test
    void incomingDefaults() {
        IncomingConfig config = IncomingConfig.from(incoming(Map.of("durable", "worker")));

        assertThat(config.subject()).isEqualTo("orders");
        assertThat(config.pull().batchSize()).isEqualTo(10);
        assertThat(config.pull().fetchWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.consumer().ackWait()).isEmpty();
        assertThat(config.consumer().deliverPolicy()).isEmpty();
        assertThat(config.pull().payloadType()).isEqualTo(PullSettings.PayloadType.BYTES);
        assertThat(config.stream().storage()).isEqualTo(StorageType.File);
        assertThat(config.stream().retention()).isEqualTo(RetentionPolicy.Limits);
        assertThat(config.stream().autoCreate()).isTrue();
    }

    @Test
    void incomingReadsEverySetting() {
        IncomingConfig config = IncomingConfig.from(incoming(Map.of(
                "durable", "worker",
                "subject", "orders.created",
                "batch-size", "50",
                "fetch-wait", "500ms",
                "ack-wait", "PT30S",
                "max-deliver", "5",
                "deliver-policy", "Last-Per-Subject",
                "payload-type", "string",
                "stream-retention", "workqueue")));

        assertThat(config.subject()).isEqualTo("orders.created");
        assertThat(config.pull().batchSize()).isEqualTo(50);
        assertThat(config.pull().fetchWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.consumer().ackWait()).contains(Duration.ofSeconds(30));
        assertThat(config.consumer().maxDeliver()).contains(5);
        assertThat(config.consumer().deliverPolicy()).contains(DeliverPolicy.LastPerSubject);
        assertThat(config.pull().payloadType()).isEqualTo(PullSettings.PayloadType.STRING);
        assertThat(config.stream().retention()).isEqualTo(RetentionPolicy.WorkQueue);
    }

    @Test
    void missingDurableNamesChannelAndAttribute() {
        assertThatThrownBy(() -> IncomingConfig.from(incoming(Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'orders'")
                .hasMessageContaining("'durable'")
                .hasMessageContaining("mp.messaging.incoming.orders.durable");
    }

    @Test
    void badDurationNamesValueAndForm() {
        assertThatThrownBy(() -> IncomingConfig.from(incoming(Map.of("durable", "w", "fetch-wait", "5 parsecs"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'5 parsecs'")
                .hasMessageContaining("'fetch-wait'")
                .hasMessageContaining("channel 'orders'")
                .hasMessageContaining("500ms, 5s, 2m or PT5S");
    }

    @Test
    void batchSizeBelowOneIsRejected() {
        assertThatThrownBy(() -> IncomingConfig.from(incoming(Map.of("durable", "w", "batch-size", "0"))))
                .hasMessageContaining("'0'")
                .hasMessageContaining("'batch-size'")
                .hasMessageContaining("at least 1");
    }

    @Test
    void unknownDeliverPolicyListsChoices() {
        assertThatThrownBy(() -> IncomingConfig.from(incoming(Map.of("durable", "w", "deliver-policy", "oldest"))))
                .hasMessageContaining("'oldest'")
                .hasMessageContaining("'deliver-policy'")
                .hasMessageContaining("all, last, new, last-per-subject");
    }

    @Test
    void invalidDurableNameIsRejected() {
        assertThatThrownBy(() -> IncomingConfig.from(incoming(Map.of("durable", "my.worker"))))
                .hasMessageContaining("'my.worker'")
                .hasMessageContaining("'durable'");
    }

    @Test
    void concurrencySuffixIsRemovedFromDefaultSubject() {
        Map<String, String> properties = new HashMap<>();
        properties.put("channel-name", "orders$2");
        properties.put("durable", "worker");
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();

        IncomingConfig incoming = IncomingConfig.from(ChannelConfig.incoming(config));

        assertThat(incoming.subject()).isEqualTo("orders");
        assertThat(incoming.channel()).isEqualTo("orders$2");
    }

    @Test
    void jsonPayloadTypeReadsPayloadClass() {
        IncomingConfig config = IncomingConfig.from(incoming(Map.of("durable", "w", "payload-type", "JSON",
                "payload-class", "com.example.Order")));

        assertThat(config.pull().payloadType()).isEqualTo(PullSettings.PayloadType.JSON);
        assertThat(config.pull().payloadClass()).contains("com.example.Order");
    }

    @Test
    void jsonPayloadTypeRequiresPayloadClass() {
        assertThatThrownBy(() -> IncomingConfig.from(incoming(Map.of("durable", "w", "payload-type", "json"))))
                .hasMessageContaining("'orders'")
                .hasMessageContaining("'payload-class'")
                .hasMessageContaining("mp.messaging.incoming.orders.payload-class");
    }

    @Test
    void payloadClassWithoutJsonIsRejected() {
        assertThatThrownBy(() -> IncomingConfig.from(incoming(Map.of("durable", "w", "payload-type", "string",
                "payload-class", "com.example.Order"))))
                .hasMessageContaining("'orders'")
                .hasMessageContaining("payload-class=com.example.Order")
                .hasMessageContaining("payload-type=string")
                .hasMessageContaining("Set payload-type=json, or remove payload-class");
    }

    @Test
    void hugeDurationIsRejected() {
        assertThatThrownBy(() -> IncomingConfig.from(incoming(Map.of("durable", "w", "fetch-wait", "9999999999999h"))))
                .hasMessageContaining("'9999999999999h'")
                .hasMessageContaining("at most 7 days");
    }
}
