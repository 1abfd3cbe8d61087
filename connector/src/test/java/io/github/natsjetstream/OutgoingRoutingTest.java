package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import io.nats.client.JetStreamApiException;
import io.nats.client.Subscription;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;

/**
 * Per-message subject, message id and publish expectations of outgoing messages, and the PubAck
 * they expose afterwards.
 */
class OutgoingRoutingTest extends ConnectorTestBase {

    /** JetStream API error codes, as nats-server 2.9 reports them. */
    private static final int WRONG_LAST_MESSAGE_ID = 10070;
    private static final int WRONG_LAST_SEQUENCE = 10071;

    private String prefix() {
        return "route-" + token;
    }

    private String stream() {
        return "ROUTE_" + token.toUpperCase();
    }

    /**
     * Attributes of an outgoing channel on {@code route-<token>.default}, whose stream captures
     * {@code route-<token>.>}.
     */
    private Map<String, String> outgoing(String... extra) {
        Map<String, String> attributes = attributes("subject", prefix() + ".default",
                "stream-storage", "memory");
        for (int i = 0; i < extra.length; i += 2) {
            attributes.put(extra[i], extra[i + 1]);
        }
        return attributes;
    }

    private static Throwable nackReason(CompletableFuture<Void> ack) {
        try {
            ack.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("no ack or nack within 10 s", e);
        }
        throw new AssertionError("the message was acked, but a nack was expected");
    }

    @Test
    void perMessageSubjectIsStoredOnIt() throws Exception {
        List<Message<?>> messages = List.of(
                JetStreamOutgoingMessage.of("routed").withSubject(prefix() + ".eu.created"),
                JetStreamOutgoingMessage.of("default"));

        List<CompletableFuture<Void>> acks = publish("out", outgoing(), messages);
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(management.getMessage(stream(), 1).getSubject()).isEqualTo(prefix() + ".eu.created");
        assertThat(management.getMessage(stream(), 2).getSubject()).isEqualTo(prefix() + ".default");
    }

    @Test
    void subjectOutsideStreamIsNacked() throws Exception {
        String outside = "elsewhere-" + token + ".x";
        List<Message<?>> messages = List.of(
                JetStreamOutgoingMessage.of("lost").withSubject(outside),
                JetStreamOutgoingMessage.of("kept"));

        List<CompletableFuture<Void>> acks = publish("out", outgoing(), messages);

        Throwable reason = nackReason(acks.get(0));
        assertThat(reason).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'out'")
                .hasMessageContaining("'" + outside + "'")
                .hasMessageContaining("[" + prefix() + ".>]");
        acks.get(1).get(10, TimeUnit.SECONDS);
        assertThat(management.getStreamInfo(stream()).getStreamState().getMsgCount()).isEqualTo(1);
    }

    @Test
    void wildcardSubjectIsNacked() {
        List<CompletableFuture<Void>> acks = publish("out", outgoing(),
                List.of(JetStreamOutgoingMessage.of("wild").withSubject(prefix() + ".*")));

        assertThat(nackReason(acks.get(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wildcard '*'")
                .hasMessageContaining("'out'");
    }

    @Test
    void subjectAddedToStreamLaterIsAccepted() throws Exception {
        String stream = "ADDED_" + token.toUpperCase();
        String first = "added-" + token + ".one";
        String second = "added-" + token + ".two";
        management.addStream(StreamConfiguration.builder().name(stream).subjects(first)
                .storageType(StorageType.Memory).build());
        Subscriber<Message<?>> channel = openChannel("out", attributes("subject", first));
        CompletableFuture<Void> tooEarly = send(channel, JetStreamOutgoingMessage.of("too early").withSubject(second));
        assertThat(nackReason(tooEarly)).hasMessageContaining("[" + first + "]");

        management.updateStream(StreamConfiguration.builder().name(stream).subjects(first, second)
                .storageType(StorageType.Memory).build());

        // The channel reads the stream's subjects again at most once per second.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() ->
                send(channel, JetStreamOutgoingMessage.of("now").withSubject(second))
                        .handle((ignored, failure) -> failure == null)
                        .get(10, TimeUnit.SECONDS));
        assertThat(management.getLastMessage(stream, second).getSubject()).isEqualTo(second);
    }

    @Test
    void sameMessageIdStoredOnce() throws Exception {
        JetStreamOutgoingMessage<String> first = JetStreamOutgoingMessage.of("order").withMessageId("order-" + token);
        JetStreamOutgoingMessage<String> second = JetStreamOutgoingMessage.of("order again")
                .withMessageId("order-" + token);

        List<CompletableFuture<Void>> acks = publish("out", outgoing(), List.of(first, second));
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(management.getStreamInfo(stream()).getStreamState().getMsgCount()).isEqualTo(1);
        PublishAck firstAck = first.getPublishAck().orElseThrow();
        PublishAck secondAck = second.getPublishAck().orElseThrow();
        assertThat(firstAck.isDuplicate()).as("first PubAck duplicate").isFalse();
        assertThat(secondAck.isDuplicate()).as("second PubAck duplicate").isTrue();
        assertThat(secondAck.getSeqno()).as("sequence of the duplicate").isEqualTo(firstAck.getSeqno());
    }

    @Test
    void wrongLastSequenceNackedWithoutRetry() throws Exception {
        String subject = prefix() + ".default";
        publish("seed", outgoing(), List.of(Message.of("first"))).get(0).get(10, TimeUnit.SECONDS);
        Subscription attempts = admin.subscribe(subject);
        admin.flush(Duration.ofSeconds(2));

        List<CompletableFuture<Void>> acks = publish("out", outgoing("publish-retries", "2"),
                List.of(JetStreamOutgoingMessage.of("stale").withExpectedLastSequence(5)));

        Throwable reason = nackReason(acks.get(0));
        assertThat(reason).isInstanceOf(JetStreamApiException.class);
        assertThat(((JetStreamApiException) reason).getApiErrorCode()).isEqualTo(WRONG_LAST_SEQUENCE);
        // A retry would follow within 200 ms; wait longer, then count what reached the subject.
        Thread.sleep(1000);
        int sent = 0;
        while (attempts.nextMessage(Duration.ofMillis(200)) != null) {
            sent++;
        }
        assertThat(sent).as("publish attempts of the rejected message").isEqualTo(1);
        assertThat(management.getStreamInfo(stream()).getStreamState().getMsgCount()).isEqualTo(1);
    }

    @Test
    void expectationsThatHoldAreStored() throws Exception {
        String subject = prefix() + ".default";
        JetStreamOutgoingMessage<String> first = JetStreamOutgoingMessage.of("first")
                .withMessageId("m1-" + token)
                .withExpectedLastSequence(0)
                .withExpectedLastSubjectSequence(0)
                .withExpectedStream(stream());
        publish("out", outgoing(), List.of(first)).get(0).get(10, TimeUnit.SECONDS);

        JetStreamOutgoingMessage<String> second = JetStreamOutgoingMessage.of("second")
                .withExpectedLastSequence(1)
                .withExpectedLastSubjectSequence(1)
                .withExpectedLastMessageId("m1-" + token);
        publish("out", outgoing(), List.of(second)).get(0).get(10, TimeUnit.SECONDS);

        assertThat(second.getPublishAck().orElseThrow().getSeqno()).isEqualTo(2);
        assertThat(management.getMessage(stream(), 2).getSubject()).isEqualTo(subject);
    }

    @Test
    void failedExpectationsNackedWithServerError() throws Exception {
        publish("seed", outgoing(), List.of(JetStreamOutgoingMessage.of("first").withMessageId("m1-" + token)))
                .get(0).get(10, TimeUnit.SECONDS);

        List<CompletableFuture<Void>> acks = publish("out", outgoing(), List.of(
                JetStreamOutgoingMessage.of("a").withExpectedLastSubjectSequence(7),
                JetStreamOutgoingMessage.of("b").withExpectedLastMessageId("other-" + token),
                JetStreamOutgoingMessage.of("c").withExpectedLastSequence(0)));

        int[] expectedCodes = {WRONG_LAST_SEQUENCE, WRONG_LAST_MESSAGE_ID, WRONG_LAST_SEQUENCE};
        for (int i = 0; i < expectedCodes.length; i++) {
            Throwable reason = nackReason(acks.get(i));
            assertThat(reason).as("nack reason of message %d", i).isInstanceOf(JetStreamApiException.class);
            assertThat(((JetStreamApiException) reason).getApiErrorCode()).as("error code of message %d", i)
                    .isEqualTo(expectedCodes[i]);
        }
        assertThat(management.getStreamInfo(stream()).getStreamState().getMsgCount()).isEqualTo(1);
    }

    @Test
    void otherExpectedStreamIsNacked() {
        List<CompletableFuture<Void>> acks = publish("out", outgoing(),
                List.of(JetStreamOutgoingMessage.of("x").withExpectedStream("OTHER")));

        assertThat(nackReason(acks.get(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'OTHER'")
                .hasMessageContaining("'" + stream() + "'")
                .hasMessageContaining("'out'");
    }

    @Test
    void invalidSequenceHeaderIsNacked() {
        List<CompletableFuture<Void>> acks = publish("out", outgoing(),
                List.of(JetStreamOutgoingMessage.of("x").withHeader("Nats-Expected-Last-Sequence", "abc")));

        assertThat(nackReason(acks.get(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Nats-Expected-Last-Sequence 'abc'")
                .hasMessageContaining("'out'");
    }

    @Test
    void publishAckReadableOnKeptMessage() throws Exception {
        CompletableFuture<PublishAck> seenInCallback = new CompletableFuture<>();
        List<JetStreamOutgoingMessage<String>> kept = new ArrayList<>();
        JetStreamOutgoingMessage<String> message = JetStreamOutgoingMessage.of("tracked")
                .withSubject(prefix() + ".tracked")
                .withAck(() -> {
                    seenInCallback.complete(kept.get(0).getPublishAck().orElse(null));
                    return CompletableFuture.completedFuture(null);
                });
        kept.add(message);
        assertThat(message.getPublishAck()).as("PubAck before the publish").isEmpty();
        Subscriber<Message<?>> channel = openChannel("out", outgoing());
        send(channel, Message.of("before")).get(10, TimeUnit.SECONDS);

        // The channel receives a copy, as from a runtime that adds its own nack handling.
        channel.onNext(message.withNack(reason -> CompletableFuture.completedFuture(null)));

        PublishAck inCallback = seenInCallback.get(10, TimeUnit.SECONDS);
        PublishAck ack = message.getPublishAck().orElseThrow();
        assertThat(inCallback).as("PubAck read in the application's ack callback").isSameAs(ack);
        assertThat(ack.getStream()).isEqualTo(stream());
        assertThat(ack.getSeqno()).isEqualTo(2);
        assertThat(ack.isDuplicate()).isFalse();
    }

    @Test
    void forwardedMessageDropsExpectations() throws Exception {
        String source = "fwd-" + token + ".in";
        publish("seed", attributes("subject", source, "stream-storage", "memory"), List.of(
                JetStreamOutgoingMessage.of("forward me").withMessageId("fwd-" + token).withExpectedLastSequence(0)))
                .get(0).get(10, TimeUnit.SECONDS);
        RecordingSubscriber subscriber = consume("in", attributes("subject", source, "durable", "d" + token,
                "fetch-wait", "300ms"), 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 1);
        JetStreamIncomingMessage<?> incoming = subscriber.received.get(0).unwrap(JetStreamIncomingMessage.class);
        assertThat(incoming.getHeaders()).as("headers stored with the original")
                .containsKey("Nats-Expected-Last-Sequence");

        // The target stream already has a message, so the original expectation would fail there.
        publish("seed2", outgoing(), List.of(Message.of("earlier"))).get(0).get(10, TimeUnit.SECONDS);
        // Sent as it is: withAck would turn it into a plain Message without headers.
        openChannel("out", outgoing()).onNext(incoming);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> management.getStreamInfo(stream()).getStreamState().getMsgCount() == 2);

        Headers stored = management.getMessage(stream(), 2).getHeaders();
        assertThat(stored.get("Nats-Msg-Id")).containsExactly("fwd-" + token);
        assertThat(stored.containsKey("Nats-Expected-Last-Sequence")).as("expectation header forwarded").isFalse();
    }

    @Test
    void retriesKeepMessageIdSetByApplication() throws Exception {
        publish("out", outgoing("publish-retries", "1"),
                List.of(JetStreamOutgoingMessage.of("x").withMessageId("mine-" + token)))
                .get(0).get(10, TimeUnit.SECONDS);

        assertThat(management.getMessage(stream(), 1).getHeaders().get("Nats-Msg-Id"))
                .containsExactly("mine-" + token);
    }

    /**
     * Opens an outgoing channel that the test feeds one message at a time with {@code onNext}, so
     * that one channel publishes messages sent at different times. The channel requests 1024 messages
     * at start, more than any test sends.
     */
    private Subscriber<Message<?>> openChannel(String channel, Map<String, String> attributes) {
        @SuppressWarnings("unchecked")
        SubscriberBuilder<Message<?>, Void> sink = (SubscriberBuilder<Message<?>, Void>)
                connector.getSubscriberBuilder(TestConfigs.channel(channel, attributes));
        Subscriber<Message<?>> subscriber = sink.build();
        subscriber.onSubscribe(new org.reactivestreams.Subscription() {
            @Override
            public void request(long count) {
            }

            @Override
            public void cancel() {
            }
        });
        return subscriber;
    }

    /** Sends a copy of the message whose ack and nack complete the returned stage. */
    private static CompletableFuture<Void> send(Subscriber<Message<?>> channel, Message<?> message) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        channel.onNext(message.withAck(() -> {
            ack.complete(null);
            return CompletableFuture.completedFuture(null);
        }).withNack(reason -> {
            ack.completeExceptionally(reason);
            return CompletableFuture.completedFuture(null);
        }));
        return ack;
    }
}
