package io.github.natsjetstream.smallrye;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.natsjetstream.JetStreamConnector;
import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import io.github.natsjetstream.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;
import org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-message subject, message id and PubAck through SmallRye metadata, on messages that reach the
 * connector re-wrapped as Quarkus does, against a real nats-server.
 */
class OutgoingMetadataRoutingTest {

    private static NatsServerProcess server;
    private static Connection admin;
    private static JetStreamManagement management;

    private JetStreamConnector connector;
    private String prefix;
    private String stream;

    @BeforeAll
    static void startServer() throws Exception {
        server = NatsServerProcess.start();
        admin = Nats.connect(server.url());
        management = admin.jetStreamManagement();
    }

    @AfterAll
    static void stopServer() throws Exception {
        admin.close();
        server.close();
    }

    @BeforeEach
    void createConnector() {
        connector = new JetStreamConnector();
        String token = UUID.randomUUID().toString().substring(0, 8);
        prefix = "meta-route-" + token;
        stream = "META_ROUTE_" + token.toUpperCase();
    }

    /** Runs the connector's package-private {@code @PreDestroy} method, as the CDI container would. */
    @AfterEach
    void shutdownConnector() throws Exception {
        Method destroy = JetStreamConnector.class.getDeclaredMethod("destroy");
        destroy.setAccessible(true);
        destroy.invoke(connector);
    }

    /** Publishes the messages on a channel with subject {@code <prefix>.default} and returns their ack stages. */
    private List<CompletableFuture<Void>> publish(List<Message<?>> messages) {
        Map<String, String> properties = new HashMap<>();
        properties.put("channel-name", "out");
        properties.put("connector", JetStreamConnector.NAME);
        properties.put("servers", server.url());
        properties.put("subject", prefix + ".default");
        properties.put("stream-storage", "memory");
        properties.put("shutdown-timeout", "1s");
        @SuppressWarnings("unchecked")
        SubscriberBuilder<Message<?>, Void> sink = (SubscriberBuilder<Message<?>, Void>) connector.getSubscriberBuilder(
                new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build());

        List<CompletableFuture<Void>> acks = messages.stream().map(message -> new CompletableFuture<Void>()).toList();
        List<Message<?>> tracked = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            CompletableFuture<Void> ack = acks.get(i);
            tracked.add(messages.get(i).withAck(() -> {
                ack.complete(null);
                return CompletableFuture.completedFuture(null);
            }).withNack(reason -> {
                ack.completeExceptionally(reason);
                return CompletableFuture.completedFuture(null);
            }));
        }
        ReactiveStreams.fromIterable(tracked).to(sink).run();
        return acks;
    }

    @Test
    void rewrappedMessageKeepsSubjectAndPublishAck() throws Exception {
        JetStreamOutgoingMessage<String> kept = JetStreamOutgoingMessage.of("routed")
                .withSubject(prefix + ".eu")
                .withMessageId("id-1");
        // addMetadata turns the message into a plain SmallRye Message, as Quarkus's Emitter does.
        Message<String> rewrapped = kept.withAck(() -> CompletableFuture.completedFuture(null))
                .addMetadata(new Object());
        assertThat(rewrapped).isNotInstanceOf(JetStreamOutgoingMessage.class);

        publish(List.of(rewrapped)).get(0).get(10, TimeUnit.SECONDS);

        MessageInfo stored = management.getMessage(stream, 1);
        assertThat(stored.getSubject()).isEqualTo(prefix + ".eu");
        assertThat(stored.getHeaders().get("Nats-Msg-Id")).containsExactly("id-1");
        PublishAck ack = kept.getPublishAck().orElseThrow();
        assertThat(ack.getStream()).isEqualTo(stream);
        assertThat(ack.getSeqno()).isEqualTo(1);
    }

    @Test
    void plainMessageUsesMetadata() throws Exception {
        OutgoingMessageMetadata<PublishAck> first = new OutgoingMessageMetadata<>();
        OutgoingMessageMetadata<PublishAck> second = new OutgoingMessageMetadata<>();
        JetStreamOutgoingMetadata routing = new JetStreamOutgoingMetadata()
                .withSubject(prefix + ".us")
                .withMessageId("id-2")
                .withHeader("Order-Id", "42");

        List<CompletableFuture<Void>> acks = publish(List.of(
                Message.of("first").addMetadata(routing).addMetadata(first),
                Message.of("again").addMetadata(routing).addMetadata(second)));
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        MessageInfo stored = management.getMessage(stream, 1);
        assertThat(stored.getSubject()).isEqualTo(prefix + ".us");
        assertThat(stored.getHeaders().get("Order-Id")).containsExactly("42");
        assertThat(management.getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(first.getResult().getSeqno()).isEqualTo(1);
        assertThat(first.getResult().isDuplicate()).isFalse();
        assertThat(second.getResult().isDuplicate()).as("second PubAck duplicate").isTrue();
    }

    @Test
    void metadataSubjectOutsideStreamIsNacked() throws Exception {
        List<CompletableFuture<Void>> acks = publish(List.of(Message.of("lost")
                .addMetadata(new JetStreamOutgoingMetadata().withSubject("nowhere.x"))));

        ExecutionException failure = catchThrowableOfType(() -> acks.get(0).get(10, TimeUnit.SECONDS),
                ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nowhere.x'")
                .hasMessageContaining("[" + prefix + ".>]");
    }
}
