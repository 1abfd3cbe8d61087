package io.github.natsjetstream.smallrye;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SmallRye extras on SmallRye Reactive Messaging and Weld SE, against a real nats-server.
 */
class SmallRyeExtrasTest {

    private static final String TOKEN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TEXT_SUBJECT = "extras-" + TOKEN + ".text";
    private static final String META_SUBJECT = "extras-" + TOKEN + ".meta";
    private static final String CONVERTED_SUBJECT = "extras-" + TOKEN + ".converted";

    private static NatsServerProcess server;
    private static WeldContainer container;

    @BeforeAll
    static void start() throws Exception {
        server = NatsServerProcess.start();
        try (Connection connection = Nats.connect(server.url())) {
            connection.jetStreamManagement().addStream(StreamConfiguration.builder()
                    .name("EXTRAS_" + TOKEN.toUpperCase()).subjects("extras-" + TOKEN + ".>").build());
            JetStream jetStream = connection.jetStream();
            jetStream.publish(TEXT_SUBJECT, "héllo".getBytes(StandardCharsets.UTF_8));
            Headers headers = new Headers().add("Trace", "a", "b");
            jetStream.publish(NatsMessage.builder().subject(META_SUBJECT).headers(headers)
                    .data("with headers".getBytes(StandardCharsets.UTF_8)).build());
            jetStream.publish(CONVERTED_SUBJECT, "converted".getBytes(StandardCharsets.UTF_8));
        }

        String prefix = "mp.messaging.incoming.";
        System.setProperty("mp.messaging.connector.nats-jetstream.servers", server.url());
        System.setProperty(prefix + "text.connector", "nats-jetstream");
        System.setProperty(prefix + "text.subject", TEXT_SUBJECT);
        System.setProperty(prefix + "text.durable", "text-" + TOKEN);
        System.setProperty(prefix + "meta.connector", "nats-jetstream");
        System.setProperty(prefix + "meta.subject", META_SUBJECT);
        System.setProperty(prefix + "meta.durable", "meta-" + TOKEN);
        System.setProperty(prefix + "converted.connector", "nats-jetstream");
        System.setProperty(prefix + "converted.subject", CONVERTED_SUBJECT);
        System.setProperty(prefix + "converted.durable", "converted-" + TOKEN);
        ConfigProvider.getConfig();

        container = new Weld("smallrye-extras").addBeanClass(Receiver.class).initialize();
    }

    @AfterAll
    static void stop() {
        if (container != null) {
            container.close();
        }
        server.close();
    }

    @Test
    void stringMethodGetsDecodedBytes() {
        Receiver receiver = container.select(Receiver.class).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.texts().isEmpty());

        assertThat(receiver.texts()).containsExactly("héllo");
    }

    @Test
    void metadataCarriesJetStreamDetails() {
        Receiver receiver = container.select(Receiver.class).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.metadata().isEmpty());

        JetStreamIncomingMetadata metadata = receiver.metadata().get(0);
        assertThat(metadata.subject()).isEqualTo(META_SUBJECT);
        assertThat(metadata.stream()).isEqualTo("EXTRAS_" + TOKEN.toUpperCase());
        assertThat(metadata.consumer()).isEqualTo("meta-" + TOKEN);
        assertThat(metadata.streamSequence()).isEqualTo(2);
        assertThat(metadata.deliveredCount()).isEqualTo(1);
        assertThat(metadata.headers().get("Trace")).containsExactly("a", "b");
        assertThat(receiver.unwrapped()).containsExactly(true);
    }

    @Test
    void convertedMessageKeepsJetStreamView() {
        Receiver receiver = container.select(Receiver.class).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.converted().isEmpty());

        JetStreamIncomingMessage<?> converted = receiver.converted().get(0);
        assertThat(converted.getPayload()).isEqualTo("converted");
        assertThat(converted.getSubject()).isEqualTo(CONVERTED_SUBJECT);
        assertThat(converted.getStreamSequence()).isEqualTo(3);
        assertThat(converted.getMetadata(JetStreamIncomingMetadata.class)).isPresent();
    }

    @ApplicationScoped
    public static class Receiver {

        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<JetStreamIncomingMetadata> metadata = new CopyOnWriteArrayList<>();
        final List<Boolean> unwrapped = new CopyOnWriteArrayList<>();
        final List<JetStreamIncomingMessage<?>> converted = new CopyOnWriteArrayList<>();

        // Tests read through these methods: a field read on the CDI client proxy sees null.
        List<String> texts() {
            return texts;
        }

        List<JetStreamIncomingMetadata> metadata() {
            return metadata;
        }

        List<Boolean> unwrapped() {
            return unwrapped;
        }

        List<JetStreamIncomingMessage<?>> converted() {
            return converted;
        }

        /** Takes a String from a byte[] channel, so the runtime converts the message first. */
        @Incoming("converted")
        public CompletionStage<Void> converted(Message<String> message) {
            converted.add(message.unwrap(JetStreamIncomingMessage.class));
            return message.ack();
        }

        @Incoming("text")
        public void text(String payload) {
            texts.add(payload);
        }

        @Incoming("meta")
        public CompletionStage<Void> meta(Message<byte[]> message) {
            message.getMetadata(JetStreamIncomingMetadata.class).ifPresent(metadata::add);
            unwrapped.add(message.unwrap(JetStreamIncomingMessage.class).getStreamSequence() == 2);
            return message.ack().thenCompose(ignored -> CompletableFuture.completedFuture(null));
        }
    }
}
