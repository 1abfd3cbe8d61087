package io.github.natsjetstream.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.context.propagation.TextMapPropagator;

/** The tracer that starts the connector's spans and the propagator that carries their context. */
record Tracing(Tracer tracer, TextMapPropagator propagator) {

    /** The instrumentation scope of every span that this module starts. */
    static final String SCOPE_NAME = "io.github.natsjetstream.opentelemetry";
    /** The semantic conventions version whose messaging attributes the spans follow. */
    static final String SCHEMA_URL = "https://opentelemetry.io/schemas/1.40.0";

    static Tracing of(OpenTelemetry openTelemetry) {
        TracerBuilder builder = openTelemetry.tracerBuilder(SCOPE_NAME).setSchemaUrl(SCHEMA_URL);
        String version = Tracing.class.getPackage().getImplementationVersion();
        if (version != null) {
            builder.setInstrumentationVersion(version);
        }
        return new Tracing(builder.build(), openTelemetry.getPropagators().getTextMapPropagator());
    }
}
