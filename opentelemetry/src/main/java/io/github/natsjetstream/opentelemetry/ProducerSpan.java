package io.github.natsjetstream.opentelemetry;

import static io.github.natsjetstream.opentelemetry.MessagingAttributes.DESTINATION_NAME;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.DUPLICATE;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.MESSAGE_BODY_SIZE;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.MESSAGE_ID;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.MESSAGING_SYSTEM;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.MSG_ID_HEADER;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.NAME_PUBLISH;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.OPERATION_NAME;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.OPERATION_TYPE;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.STREAM_NAME;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.STREAM_SEQUENCE;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.SYSTEM_NATS;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.TYPE_SEND;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.spi.OutgoingObservation;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * The PRODUCER span of one publish, named {@code publish <subject>}. Its context is the message's
 * creation context, which goes into the NATS headers and from which consumers continue the trace. The
 * span ends with the PubAck, or with an error status when the publish fails.
 */
final class ProducerSpan implements OutgoingObservation {

    private final Span span;

    private ProducerSpan(Span span) {
        this.span = span;
    }

    static OutgoingObservation start(Tracing tracing, String subject, Headers headers, Message<?> message) {
        Context parent = PublishParents.of(message);
        SpanBuilder builder = tracing.tracer().spanBuilder(NAME_PUBLISH + " " + subject)
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(parent)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM_NATS)
                .setAttribute(OPERATION_TYPE, TYPE_SEND)
                .setAttribute(OPERATION_NAME, NAME_PUBLISH)
                .setAttribute(DESTINATION_NAME, subject);
        String messageId = headers.getFirst(MSG_ID_HEADER);
        if (messageId != null) {
            builder.setAttribute(MESSAGE_ID, messageId);
        }
        long bodySize = BodySize.of(message.getPayload());
        if (bodySize >= 0) {
            builder.setAttribute(MESSAGE_BODY_SIZE, bodySize);
        }
        Span span = builder.startSpan();

        // A forwarded message carries the trace headers of its earlier publish, so none of them may stay.
        TextMapPropagator propagator = tracing.propagator();
        headers.remove(propagator.fields());
        propagator.inject(parent.with(span), headers, NatsHeaders.INSTANCE);
        return new ProducerSpan(span);
    }

    @Override
    public void published(PublishAck ack) {
        span.setAttribute(STREAM_NAME, ack.getStream());
        span.setAttribute(STREAM_SEQUENCE, ack.getSeqno());
        if (ack.isDuplicate()) {
            span.setAttribute(DUPLICATE, true);
        }
        span.end();
    }

    @Override
    public void failed(Throwable failure) {
        SpanErrors.record(span, failure);
        span.end();
    }
}
