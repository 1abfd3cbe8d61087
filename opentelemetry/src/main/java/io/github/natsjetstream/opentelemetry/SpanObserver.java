package io.github.natsjetstream.opentelemetry;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.spi.ChannelObserver;
import io.github.natsjetstream.spi.IncomingObservation;
import io.github.natsjetstream.spi.OutgoingObservation;
import io.nats.client.impl.Headers;

/** Starts the spans of {@link TracingObserver} once an OpenTelemetry instance is available. */
final class SpanObserver implements ChannelObserver {

    private final OpenTelemetrySource source;

    SpanObserver(OpenTelemetrySource source) {
        this.source = source;
    }

    @Override
    public IncomingObservation received(String channel, JetStreamIncomingMessage<?> message) {
        Tracing tracing = source.tracing();
        return tracing == null ? IncomingObservation.NONE : ConsumerSpan.start(tracing, message);
    }

    @Override
    public OutgoingObservation publishing(String channel, String subject, Headers headers, Message<?> message) {
        Tracing tracing = source.tracing();
        return tracing == null ? OutgoingObservation.NONE : ProducerSpan.start(tracing, subject, headers, message);
    }
}
