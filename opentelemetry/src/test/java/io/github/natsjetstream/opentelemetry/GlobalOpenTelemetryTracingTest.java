package io.github.natsjetstream.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.natsjetstream.outgoing.JetStreamOutgoingMessage;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * Spans of the connector's channels in the OpenTelemetry SDK that the application set as
 * {@link GlobalOpenTelemetry}, on SmallRye Reactive Messaging and Weld SE, against a nats-server of
 * its own. The CDI container has no OpenTelemetry bean, so the module falls back to the global one.
 */
class GlobalOpenTelemetryTracingTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static TestTelemetry telemetry;
    private static Tracer tracer;
    private static ChannelsApplication application;

    @BeforeAll
    static void start() {
        telemetry = new TestTelemetry();
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(telemetry.sdk());
        tracer = telemetry.sdk().getTracer("test");
        application = TracedBeans.channels("otel").start(TracedBeans.beanClasses());
    }

    @AfterAll
    static void stop() {
        try {
            if (application != null) {
                application.close();
            }
        } finally {
            GlobalOpenTelemetry.resetForTest();
            telemetry.close();
        }
    }

    @Test
    void consumerSpanContinuesRawPublisherTrace() throws Exception {
        Span publisher = tracer.spanBuilder("publish from another service").setSpanKind(SpanKind.PRODUCER).startSpan();
        Headers headers = new Headers();
        try (Scope scope = publisher.makeCurrent()) {
            W3CTraceContextPropagator.getInstance().inject(Context.current(), headers,
                    (carrier, key, value) -> carrier.put(key, value));
        }
        String subject = subject("traced");
        try (Connection connection = Nats.connect(application.serverUrl())) {
            connection.jetStream().publish(subject, headers, bytes("from another service"));
        } finally {
            publisher.end();
        }

        SpanContext parent = publisher.getSpanContext();
        SpanData consumer = awaitOne(parent.getTraceId(), "process " + subject);
        assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consumer.getParentSpanId()).isEqualTo(parent.getSpanId());
        assertThat(consumer.getLinks()).extracting(LinkData::getSpanContext)
                .extracting(SpanContext::getSpanId).containsExactly(parent.getSpanId());
        assertThat(consumer.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        TracedBeans.Delivery delivery = receiver().deliveries("traced-in").get(0);
        assertThat(consumer.getAttributes().asMap()).containsAllEntriesOf(Map.<AttributeKey<?>, Object>of(
                MessagingAttributes.MESSAGING_SYSTEM, "nats",
                MessagingAttributes.OPERATION_TYPE, "process",
                MessagingAttributes.OPERATION_NAME, "process",
                MessagingAttributes.DESTINATION_NAME, subject,
                MessagingAttributes.CONSUMER_GROUP_NAME, "traced-in-" + application.prefix(),
                MessagingAttributes.STREAM_NAME, delivery.message().getStream(),
                MessagingAttributes.STREAM_SEQUENCE, delivery.message().getStreamSequence(),
                MessagingAttributes.DELIVERED_COUNT, 1L,
                MessagingAttributes.MESSAGE_BODY_SIZE, (long) "from another service".length()));
        assertThat(delivery.contextOfMessage()).isEqualTo(consumer.getSpanContext());
    }

    @Test
    void publishSpanIsChildOfSendersSpan() throws Exception {
        Span checkout = tracer.spanBuilder("checkout").startSpan();
        CompletableFuture<Void> settled;
        try (Scope scope = checkout.makeCurrent()) {
            settled = sender().sendOrder(Message.of("order for checkout"));
        } finally {
            checkout.end();
        }
        settled.get(10, TimeUnit.SECONDS);

        String traceId = checkout.getSpanContext().getTraceId();
        SpanData producer = awaitOne(traceId, "publish " + subject("orders"));
        assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(producer.getParentSpanId()).isEqualTo(checkout.getSpanContext().getSpanId());
        assertThat(producer.getAttributes().asMap()).containsAllEntriesOf(Map.<AttributeKey<?>, Object>of(
                MessagingAttributes.MESSAGING_SYSTEM, "nats",
                MessagingAttributes.OPERATION_TYPE, "send",
                MessagingAttributes.OPERATION_NAME, "publish",
                MessagingAttributes.DESTINATION_NAME, subject("orders"),
                MessagingAttributes.MESSAGE_BODY_SIZE, (long) "order for checkout".length()));
        assertThat(producer.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        String traceparent = storedHeaders(producer).getFirst("traceparent");
        assertThat(traceparent).isEqualTo(traceparentOf(producer));

        SpanData consumer = awaitOne(traceId, "process " + subject("orders"));
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
    }

    @Test
    void publishSpanHasMessageIdAndStream() throws Exception {
        Span root = tracer.spanBuilder("deduplicated order").startSpan();
        String messageId = "order-" + UUID.randomUUID();
        try (Scope scope = root.makeCurrent()) {
            sender().sendOrder(JetStreamOutgoingMessage.of("deduplicated").withMessageId(messageId))
                    .get(10, TimeUnit.SECONDS);
        } finally {
            root.end();
        }

        SpanData producer = awaitOne(root.getSpanContext().getTraceId(), "publish " + subject("orders"));
        assertThat(producer.getAttributes().get(MessagingAttributes.MESSAGE_ID)).isEqualTo(messageId);
        assertThat(producer.getAttributes().get(MessagingAttributes.STREAM_NAME)).isNotBlank();
        assertThat(producer.getAttributes().get(MessagingAttributes.STREAM_SEQUENCE)).isPositive();
        assertThat(producer.getAttributes().get(MessagingAttributes.DUPLICATE)).isNull();

        SpanData consumer = awaitOne(root.getSpanContext().getTraceId(), "process " + subject("orders"));
        assertThat(consumer.getAttributes().get(MessagingAttributes.MESSAGE_ID)).isEqualTo(messageId);
    }

    @Test
    void spansCarryNoPayload() throws Exception {
        String payload = "secret-payload-" + UUID.randomUUID();
        Span root = tracer.spanBuilder("payload check").startSpan();
        try (Scope scope = root.makeCurrent()) {
            sender().sendOrder(Message.of(payload)).get(10, TimeUnit.SECONDS);
        } finally {
            root.end();
        }
        String traceId = root.getSpanContext().getTraceId();
        awaitOne(traceId, "process " + subject("orders"));

        assertThat(telemetry.spansOf(traceId)).hasSize(3);
        for (SpanData span : telemetry.allSpans()) {
            assertThat(texts(span)).as(span.getName()).noneMatch(text -> text.contains(payload));
        }
        for (SpanData span : telemetry.spansOf(traceId)) {
            if (!span.getName().equals("payload check")) {
                assertThat(span.getAttributes().get(MessagingAttributes.MESSAGE_BODY_SIZE)).as(span.getName())
                        .isEqualTo((long) payload.length());
            }
        }
    }

    @Test
    void nackGivesErrorConsumerSpan() throws Exception {
        Span root = tracer.spanBuilder("nack check").startSpan();
        try (Scope scope = root.makeCurrent()) {
            sender().sendBytes("nacked-out", Message.of(bytes(TracedBeans.NACK_ONCE))).get(10, TimeUnit.SECONDS);
        } finally {
            root.end();
        }

        String traceId = root.getSpanContext().getTraceId();
        String name = "process " + subject("nacked");
        await().atMost(WAIT).until(() -> telemetry.spansNamed(traceId, name).size() == 2);
        List<SpanData> deliveries = telemetry.spansNamed(traceId, name).stream()
                .sorted(Comparator.comparing(span -> span.getAttributes().get(MessagingAttributes.DELIVERED_COUNT)))
                .toList();
        SpanData producer = awaitOne(traceId, "publish " + subject("nacked"));

        SpanData nacked = deliveries.get(0);
        assertThat(nacked.getAttributes().get(MessagingAttributes.DELIVERED_COUNT)).isEqualTo(1L);
        assertThat(nacked.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(nacked.getStatus().getDescription()).isEqualTo("the first delivery of nack-once fails");
        assertThat(nacked.getAttributes().get(MessagingAttributes.ERROR_TYPE))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(nacked.getParentSpanId()).isEqualTo(producer.getSpanId());

        SpanData acked = deliveries.get(1);
        assertThat(acked.getAttributes().get(MessagingAttributes.DELIVERED_COUNT)).isEqualTo(2L);
        assertThat(acked.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(acked.getAttributes().get(MessagingAttributes.ERROR_TYPE)).isNull();
        assertThat(acked.getParentSpanId()).isEqualTo(producer.getSpanId());
    }

    @Test
    void forwardedMessageContinuesTrace() throws Exception {
        Span root = tracer.spanBuilder("relay check").startSpan();
        try (Scope scope = root.makeCurrent()) {
            sender().sendBytes("relay-source-out", Message.of(bytes("relayed"))).get(10, TimeUnit.SECONDS);
        } finally {
            root.end();
        }

        String traceId = root.getSpanContext().getTraceId();
        SpanData relayed = awaitOne(traceId, "process " + subject("relayed"));
        SpanData forward = telemetry.span(traceId, relayed.getParentSpanId());
        assertThat(forward.getName()).isEqualTo("publish " + subject("relayed"));
        SpanData relay = telemetry.span(traceId, forward.getParentSpanId());
        assertThat(relay.getName()).isEqualTo("process " + subject("relay"));
        SpanData first = telemetry.span(traceId, relay.getParentSpanId());
        assertThat(first.getName()).isEqualTo("publish " + subject("relay"));
        assertThat(first.getParentSpanId()).isEqualTo(root.getSpanContext().getSpanId());

        // The forwarded message carried the first publish's traceparent; the connector replaced it.
        assertThat(storedHeaders(forward).get("traceparent")).containsExactly(traceparentOf(forward));
    }

    @Test
    void explicitParentContextWins() throws Exception {
        Span batch = tracer.spanBuilder("batch job").startSpan();
        Span unrelated = tracer.spanBuilder("unrelated").startSpan();
        try (Scope scope = unrelated.makeCurrent()) {
            Message<String> message = JetStreamTracing.withParentContext(Message.of("explicit parent"),
                    Context.root().with(batch));
            sender().sendOrder(message).get(10, TimeUnit.SECONDS);
        } finally {
            unrelated.end();
            batch.end();
        }

        SpanData producer = awaitOne(batch.getSpanContext().getTraceId(), "publish " + subject("orders"));
        assertThat(producer.getParentSpanId()).isEqualTo(batch.getSpanContext().getSpanId());
        assertThat(telemetry.spansNamed(unrelated.getSpanContext().getTraceId(), "publish " + subject("orders")))
                .isEmpty();
    }

    @Test
    void smallRyeTracingMetadataGivesParent() throws Exception {
        Span upstream = tracer.spanBuilder("kafka consumer").startSpan();
        try {
            Message<String> message = Message.of("from kafka")
                    .addMetadata(TracingMetadata.withCurrent(Context.root().with(upstream)));
            sender().sendOrder(message).get(10, TimeUnit.SECONDS);
        } finally {
            upstream.end();
        }

        SpanData producer = awaitOne(upstream.getSpanContext().getTraceId(), "publish " + subject("orders"));
        assertThat(producer.getParentSpanId()).isEqualTo(upstream.getSpanContext().getSpanId());
    }

    @Test
    void failedPublishGivesErrorProducerSpan() {
        Span root = tracer.spanBuilder("oversized check").startSpan();
        CompletableFuture<Void> settled;
        try (Scope scope = root.makeCurrent()) {
            settled = sender().sendBytes("oversized-out", Message.of(new byte[2 * 1024 * 1024]));
        } finally {
            root.end();
        }

        assertThatThrownBy(() -> settled.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        SpanData producer = awaitOne(root.getSpanContext().getTraceId(), "publish " + subject("oversized"));
        assertThat(producer.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(producer.getStatus().getDescription()).contains("max_payload");
        assertThat(producer.getAttributes().get(MessagingAttributes.ERROR_TYPE)).isNotBlank();
        assertThat(producer.getAttributes().get(MessagingAttributes.STREAM_SEQUENCE)).isNull();
    }

    @Test
    void withParentContextRejectsBareOutgoingMessage() {
        JetStreamOutgoingMessage<String> message = JetStreamOutgoingMessage.of("x").withHeader("Order-Id", "7");

        assertThatThrownBy(() -> JetStreamTracing.withParentContext(message, Context.root()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("make the parent context current");
    }

    @Test
    void contextOfOtherMessageIsCurrent() {
        Span span = tracer.spanBuilder("current").startSpan();
        try (Scope scope = span.makeCurrent()) {
            assertThat(Span.fromContext(JetStreamTracing.contextOf(Message.of("not received"))).getSpanContext())
                    .isEqualTo(span.getSpanContext());
        } finally {
            span.end();
        }
    }

    private static SpanData awaitOne(String traceId, String name) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(telemetry.spansNamed(traceId, name)).hasSize(1));
        return telemetry.spansNamed(traceId, name).get(0);
    }

    /** Returns the W3C traceparent header value that carries the span's context. */
    private static String traceparentOf(SpanData span) {
        SpanContext context = span.getSpanContext();
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** Returns the headers that the stream stored with the message of a producer span. */
    private static Headers storedHeaders(SpanData producer) throws Exception {
        String stream = producer.getAttributes().get(MessagingAttributes.STREAM_NAME);
        long sequence = producer.getAttributes().get(MessagingAttributes.STREAM_SEQUENCE);
        try (Connection connection = Nats.connect(application.serverUrl())) {
            MessageInfo stored = connection.jetStreamManagement().getMessage(stream, sequence);
            return stored.getHeaders();
        } catch (JetStreamApiException e) {
            throw new AssertionError("stream " + stream + " has no message " + sequence, e);
        }
    }

    /** Returns every text that a span carries: name, attribute values, events, links and status. */
    private static List<String> texts(SpanData span) {
        List<String> texts = new ArrayList<>();
        texts.add(span.getName());
        texts.add(span.getStatus().getDescription());
        span.getAttributes().forEach((key, value) -> texts.add(String.valueOf(value)));
        for (EventData event : span.getEvents()) {
            texts.add(event.getName());
            event.getAttributes().forEach((key, value) -> texts.add(String.valueOf(value)));
        }
        for (LinkData link : span.getLinks()) {
            link.getAttributes().forEach((key, value) -> texts.add(String.valueOf(value)));
        }
        return texts;
    }

    private static String subject(String name) {
        return application.prefix() + "." + name;
    }

    private static TracedBeans.Sender sender() {
        return application.bean(TracedBeans.Sender.class);
    }

    private static TracedBeans.Receiver receiver() {
        return application.bean(TracedBeans.Receiver.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
