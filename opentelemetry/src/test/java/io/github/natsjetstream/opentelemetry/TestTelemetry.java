package io.github.natsjetstream.opentelemetry;

import java.util.List;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** An OpenTelemetry SDK that keeps every ended span in memory and propagates W3C trace context. */
final class TestTelemetry {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    OpenTelemetrySdk sdk() {
        return sdk;
    }

    /** Returns the ended spans of one trace, in the order they ended. */
    List<SpanData> spansOf(String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    List<SpanData> allSpans() {
        return exporter.getFinishedSpanItems();
    }

    /** Returns the ended spans of one trace with this name. */
    List<SpanData> spansNamed(String traceId, String name) {
        return spansOf(traceId).stream().filter(span -> span.getName().equals(name)).toList();
    }

    /** Returns the ended span with this id, or fails when there is none. */
    SpanData span(String traceId, String spanId) {
        return spansOf(traceId).stream().filter(span -> span.getSpanId().equals(spanId)).findFirst()
                .orElseThrow(() -> new AssertionError("no ended span " + spanId + " in trace " + traceId
                        + "; spans: " + spansOf(traceId)));
    }

    void close() {
        sdk.close();
    }
}
