package io.github.natsjetstream.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Spans in the OpenTelemetry instance that the CDI container provides as a bean, as MicroProfile
 * Telemetry runtimes do, while {@link GlobalOpenTelemetry} stays unset.
 */
class CdiOpenTelemetryTracingTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static TestTelemetry telemetry;
    private static ChannelsApplication application;

    @BeforeAll
    static void start() {
        GlobalOpenTelemetry.resetForTest();
        telemetry = new TestTelemetry();
        TelemetryProducer.instance = telemetry.sdk();
        Class<?>[] beans = TracedBeans.beanClasses();
        Class<?>[] withProducer = java.util.Arrays.copyOf(beans, beans.length + 1);
        withProducer[beans.length] = TelemetryProducer.class;
        application = TracedBeans.channels("otel-cdi").start(withProducer);
    }

    @AfterAll
    static void stop() {
        try {
            if (application != null) {
                application.close();
            }
        } finally {
            telemetry.close();
        }
    }

    @Test
    void spansGoToCdiBean() throws Exception {
        Span checkout = telemetry.sdk().getTracer("test").spanBuilder("checkout").startSpan();
        try (Scope scope = checkout.makeCurrent()) {
            application.bean(TracedBeans.Sender.class).sendOrder(Message.of("order")).get(10, TimeUnit.SECONDS);
        } finally {
            checkout.end();
        }

        String traceId = checkout.getSpanContext().getTraceId();
        String subject = application.prefix() + ".orders";
        await().atMost(WAIT).until(() -> telemetry.spansNamed(traceId, "process " + subject).size() == 1);
        SpanData producer = telemetry.spansNamed(traceId, "publish " + subject).get(0);
        SpanData consumer = telemetry.spansNamed(traceId, "process " + subject).get(0);
        assertThat(producer.getParentSpanId()).isEqualTo(checkout.getSpanContext().getSpanId());
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
        assertThat(producer.getInstrumentationScopeInfo().getName()).isEqualTo(Tracing.SCOPE_NAME);
        assertThat(producer.getInstrumentationScopeInfo().getSchemaUrl()).isEqualTo(Tracing.SCHEMA_URL);
    }

    @Test
    void globalInstanceStaysUnset() throws Exception {
        application.bean(TracedBeans.Sender.class).sendOrder(Message.of("untraced by global")).get(10, TimeUnit.SECONDS);

        // GlobalOpenTelemetry.get() on an unset instance would fix it to a no-op and fail a later set().
        assertThat(GlobalOpenTelemetry.isSet()).isFalse();
    }

    /** Provides the test's SDK as the application's OpenTelemetry bean. */
    @ApplicationScoped
    public static class TelemetryProducer {

        static volatile OpenTelemetry instance;

        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return instance;
        }
    }
}
