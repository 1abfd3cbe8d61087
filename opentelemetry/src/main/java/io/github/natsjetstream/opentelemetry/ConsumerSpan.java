package io.github.natsjetstream.opentelemetry;

import static io.github.natsjetstream.opentelemetry.MessagingAttributes.CONSUMER_GROUP_NAME;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.DELIVERED_COUNT;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.DESTINATION_NAME;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.MESSAGE_BODY_SIZE;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.MESSAGE_ID;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.MESSAGING_SYSTEM;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.MSG_ID_HEADER;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.NAME_PROCESS;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.OPERATION_NAME;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.OPERATION_TYPE;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.STREAM_NAME;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.STREAM_SEQUENCE;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.SYSTEM_NATS;
import static io.github.natsjetstream.opentelemetry.MessagingAttributes.TYPE_PROCESS;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.spi.IncomingObservation;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * The CONSUMER span of one delivery, named {@code process <subject>}, from the hand-over to the
 * application until it acks the message, or with an error status when it nacks it. The span is a
 * child of the creation context in the message's headers, and also links to it as the semantic
 * conventions ask. A message without a trace context gets a span whose parent is the context current
 * on the thread that hands it over, normally none.
 */
final class ConsumerSpan implements IncomingObservation {

    private final Span span;

    private ConsumerSpan(Span span) {
        this.span = span;
    }

    static IncomingObservation start(Tracing tracing, JetStreamIncomingMessage<?> message) {
        io.nats.client.Message raw = message.unwrap(io.nats.client.Message.class);
        Headers headers = raw.getHeaders();
        Context parent = tracing.propagator().extract(Context.current(), headers, NatsHeaders.INSTANCE);

        String subject = message.getSubject();
        SpanBuilder builder = tracing.tracer().spanBuilder(NAME_PROCESS + " " + subject)
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM_NATS)
                .setAttribute(OPERATION_TYPE, TYPE_PROCESS)
                .setAttribute(OPERATION_NAME, NAME_PROCESS)
                .setAttribute(DESTINATION_NAME, subject)
                .setAttribute(CONSUMER_GROUP_NAME, message.getConsumer())
                .setAttribute(STREAM_NAME, message.getStream())
                .setAttribute(STREAM_SEQUENCE, message.getStreamSequence())
                .setAttribute(DELIVERED_COUNT, message.getDeliveredCount())
                .setAttribute(MESSAGE_BODY_SIZE, raw.getData() == null ? 0L : raw.getData().length);
        String messageId = headers == null ? null : headers.getFirst(MSG_ID_HEADER);
        if (messageId != null) {
            builder.setAttribute(MESSAGE_ID, messageId);
        }
        SpanContext creation = Span.fromContext(parent).getSpanContext();
        if (creation.isValid() && creation.isRemote()) {
            builder.addLink(creation);
        }
        Span span = builder.startSpan();

        ReceivedContexts.put(raw, parent.with(span));
        return new ConsumerSpan(span);
    }

    @Override
    public void acked() {
        span.end();
    }

    @Override
    public void nacked(Throwable reason) {
        SpanErrors.record(span, reason);
        span.end();
    }
}
