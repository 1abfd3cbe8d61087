package io.github.natsjetstream.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.spi.ChannelObservers;
import io.github.natsjetstream.spi.OutgoingObservation;
import io.nats.client.impl.Headers;

/**
 * The module in an application without the OpenTelemetry API: Surefire runs this class with the
 * OpenTelemetry jars left off the class path. The observer must load, and the channels must work.
 * This class refers to no OpenTelemetry type, so that it loads there.
 */
class WithoutOpenTelemetryTest {

    private static ChannelsApplication application;

    @BeforeAll
    static void start() {
        application = ChannelsApplication.builder("no-otel")
                .outgoing("plain-out", "plain")
                .incoming("plain-in", "plain", "string")
                .start(PlainSender.class, PlainReceiver.class);
    }

    @AfterAll
    static void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void channelsWorkWithoutOpenTelemetry() throws Exception {
        assertThatThrownBy(() -> Class.forName("io.opentelemetry.api.OpenTelemetry"))
                .as("this run must not have the OpenTelemetry API")
                .isInstanceOf(ClassNotFoundException.class);

        application.bean(PlainSender.class).send("hello").get(10, TimeUnit.SECONDS);

        PlainReceiver receiver = application.bean(PlainReceiver.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
        JetStreamIncomingMessage<?> message = receiver.received().get(0);
        assertThat(message.getPayload()).isEqualTo("hello");
        assertThat(message.getHeaders()).doesNotContainKey("traceparent");
        assertThat(ChannelObservers.loaded().isEmpty()).as("the tracing observer is loaded").isFalse();
        OutgoingObservation observation = new TracingObserver().publishing("plain-out", "plain", new Headers(),
                Message.of("direct call"));
        assertThat(observation).isSameAs(OutgoingObservation.NONE);
    }

    @ApplicationScoped
    public static class PlainSender {

        @Inject
        @Channel("plain-out")
        Emitter<String> emitter;

        public CompletableFuture<Void> send(String payload) {
            CompletableFuture<Void> settled = new CompletableFuture<>();
            emitter.send(Message.of(payload).withAck(() -> {
                settled.complete(null);
                return CompletableFuture.completedFuture(null);
            }).withNack(reason -> {
                settled.completeExceptionally(reason);
                return CompletableFuture.completedFuture(null);
            }));
            return settled;
        }
    }

    @ApplicationScoped
    public static class PlainReceiver {

        private final List<JetStreamIncomingMessage<?>> received = new CopyOnWriteArrayList<>();

        public List<JetStreamIncomingMessage<?>> received() {
            return received;
        }

        @Incoming("plain-in")
        public CompletionStage<Void> receive(Message<String> message) {
            received.add(message.unwrap(JetStreamIncomingMessage.class));
            return message.ack();
        }
    }
}
