package io.github.natsjetstream.opentelemetry;

import java.util.Set;

import io.nats.client.impl.Headers;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

/** Reads and writes trace context fields, such as {@code traceparent}, in jnats headers. */
enum NatsHeaders implements TextMapGetter<Headers>, TextMapSetter<Headers> {

    INSTANCE;

    @Override
    public Iterable<String> keys(Headers carrier) {
        return carrier == null ? Set.of() : carrier.keySet();
    }

    @Override
    public String get(Headers carrier, String key) {
        return carrier == null ? null : carrier.getFirst(key);
    }

    /** Replaces the field, so that a forwarded message does not keep the context of its earlier publish. */
    @Override
    public void set(Headers carrier, String key, String value) {
        if (carrier != null) {
            carrier.put(key, value);
        }
    }
}
