package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import io.github.natsjetstream.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;

/**
 * A nats-server per test class and a fresh connector per test, driven through the SPI methods
 * without a CDI runtime.
 */
abstract class ConnectorTestBase {

    static NatsServerProcess server;
    static Connection admin;
    static JetStreamManagement management;

    JetStreamConnector connector;
    String token;

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

    @org.junit.jupiter.api.BeforeEach
    void createConnector() {
        connector = new JetStreamConnector();
        token = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void shutdownConnector() {
        connector.shutdown(new Object());
    }

    Map<String, String> attributes(String... pairs) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("servers", server.url());
        attributes.put("shutdown-timeout", "1s");
        for (int i = 0; i < pairs.length; i += 2) {
            attributes.put(pairs[i], pairs[i + 1]);
        }
        return attributes;
    }

    List<CompletableFuture<Void>> publish(String channel, Map<String, String> attributes,
                                                  List<Message<?>> messages) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        List<Message<?>> tracked = new ArrayList<>();
        for (Message<?> message : messages) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.add(ack);
            tracked.add(message.withAck(() -> {
                ack.complete(null);
                return CompletableFuture.completedFuture(null);
            }).withNack(reason -> {
                ack.completeExceptionally(reason);
                return CompletableFuture.completedFuture(null);
            }));
        }
        @SuppressWarnings("unchecked")
        org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder<Message<?>, Void> sink =
                (org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder<Message<?>, Void>)
                        connector.getSubscriberBuilder(TestConfigs.channel(channel, attributes));
        ReactiveStreams.fromIterable(tracked).to(sink).run();
        return acks;
    }

    RecordingSubscriber consume(String channel, Map<String, String> attributes, long initialRequest) {
        RecordingSubscriber subscriber = new RecordingSubscriber(initialRequest);
        connector.getPublisherBuilder(TestConfigs.channel(channel, attributes)).buildRs().subscribe(subscriber);
        return subscriber;
    }

    void publishAndWait(String subject, int count) throws Exception {
        List<Message<?>> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Message.of(("m" + i).getBytes(StandardCharsets.UTF_8)));
        }
        List<CompletableFuture<Void>> acks = publish("seed", attributes("subject", subject), messages);
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }

    /** Records what the connector emits; acks each message when {@code ackEach} is set. */
    static final class RecordingSubscriber implements Subscriber<Message<?>> {

        final List<Message<?>> received = new CopyOnWriteArrayList<>();
        final long initialRequest;
        volatile boolean ackEach;
        volatile Subscription subscription;
        volatile Throwable error;

        RecordingSubscriber(long initialRequest) {
            this.initialRequest = initialRequest;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            this.subscription = subscription;
            subscription.request(initialRequest);
        }

        @Override
        public void onNext(Message<?> message) {
            received.add(message);
            if (ackEach) {
                message.ack();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
        }

        @Override
        public void onComplete() {
        }
    }
}
