package io.github.natsjetstream.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/**
 * Marks a span as failed the way the semantic conventions recommend: error status, {@code error.type}
 * with the exception's class name, and the exception's message as status description. No exception
 * event is added, which the conventions no longer recommend.
 */
final class SpanErrors {

    private SpanErrors() {
    }

    static void record(Span span, Throwable failure) {
        if (failure == null) {
            span.setAttribute(MessagingAttributes.ERROR_TYPE, MessagingAttributes.OTHER_ERROR);
            span.setStatus(StatusCode.ERROR);
            return;
        }
        span.setAttribute(MessagingAttributes.ERROR_TYPE, failure.getClass().getName());
        String message = failure.getMessage();
        if (message == null) {
            span.setStatus(StatusCode.ERROR);
        } else {
            span.setStatus(StatusCode.ERROR, message);
        }
    }
}
