package io.github.natsjetstream.incoming;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;

/**
 * Publishes a copy of the failed message to the dead-letter subject and terminates the original
 * only after the copy's PubAck. When the copy cannot be stored, the original is nak'ed instead,
 * so it is never lost.
 *
 * <p>The copy keeps the body and headers and adds {@code DeadLetter-*} headers that describe the
 * original and the failure. Its {@code Nats-Msg-Id} is derived from the original's stream and
 * sequence, so the server's duplicate window drops a second copy of the same message.
 */
final class DeadLetterStrategy implements FailureStrategy {

    static final String ORIGINAL_SUBJECT = "DeadLetter-Original-Subject";
    static final String ORIGINAL_STREAM = "DeadLetter-Original-Stream";
    static final String ORIGINAL_SEQUENCE = "DeadLetter-Original-Sequence";
    static final String ORIGINAL_CONSUMER = "DeadLetter-Original-Consumer";
    static final String DELIVERED_COUNT = "DeadLetter-Delivered-Count";
    static final String EXCEPTION_CLASS = "DeadLetter-Exception-Class";
    static final String EXCEPTION_MESSAGE = "DeadLetter-Exception-Message";

    private static final System.Logger LOG = System.getLogger(DeadLetterStrategy.class.getName());
    private static final int MAX_HEADER_VALUE = 1024;

    private final JetStream jetStream;
    private final String subject;
    private final Duration publishTimeout;

    DeadLetterStrategy(JetStream jetStream, String subject, Duration publishTimeout) {
        this.jetStream = jetStream;
        this.subject = subject;
        this.publishTimeout = publishTimeout;
    }

    @Override
    public CompletionStage<Void> apply(JetStreamIncomingMessage<?> message, Throwable reason) {
        NatsMessage copy = NatsMessage.builder()
                .subject(subject)
                .headers(headers(message, reason))
                .data(message.raw().getData())
                .build();
        PublishOptions options = PublishOptions.builder()
                .messageId("dead-letter-" + message.getStream() + "-" + message.getStreamSequence())
                .build();

        CompletableFuture<?> published;
        try {
            published = jetStream.publishAsync(copy, options)
                    .orTimeout(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            published = CompletableFuture.failedFuture(e);
        }
        return published.handle((ack, failure) -> {
            settleOriginal(message, reason, failure);
            return null;
        });
    }

    private void settleOriginal(JetStreamIncomingMessage<?> message, Throwable reason, Throwable failure) {
        if (failure != null) {
            LOG.log(Level.ERROR, "Channel ''{0}'' failed to publish stream {1} sequence {2} to dead-letter subject "
                    + "{3}; the original is nak''ed instead: {4}", message.channel(), message.getStream(),
                    String.valueOf(message.getStreamSequence()), subject, failure.toString());
            message.raw().nak();
            return;
        }

        LOG.log(Level.WARNING, "Channel ''{0}'' moved stream {1} sequence {2} (consumer {3}, delivery {4}) to "
                + "dead-letter subject {5} and terminated the original. Reason: {6}", message.channel(),
                message.getStream(), String.valueOf(message.getStreamSequence()), message.getConsumer(),
                String.valueOf(message.getDeliveredCount()),
                subject, String.valueOf(reason));
        message.raw().term();
    }

    private static Headers headers(JetStreamIncomingMessage<?> message, Throwable reason) {
        Headers headers = new Headers();
        message.getHeaders().forEach((name, values) -> {
            if (!name.startsWith("Nats-Expected") && !name.equals("Nats-Msg-Id")) {
                headers.add(name, values);
            }
        });

        headers.put(ORIGINAL_SUBJECT, message.getSubject());
        headers.put(ORIGINAL_STREAM, message.getStream());
        headers.put(ORIGINAL_SEQUENCE, Long.toString(message.getStreamSequence()));
        headers.put(ORIGINAL_CONSUMER, message.getConsumer());
        headers.put(DELIVERED_COUNT, Long.toString(message.getDeliveredCount()));
        headers.put(EXCEPTION_CLASS, reason == null ? "none" : reason.getClass().getName());
        headers.put(EXCEPTION_MESSAGE, headerValue(reason == null ? "" : String.valueOf(reason.getMessage())));
        return headers;
    }

    /** Returns the text on one line, cut to a length that keeps the header small. */
    private static String headerValue(String text) {
        String oneLine = text.replaceAll("[\\r\\n]+", " ");
        return oneLine.length() > MAX_HEADER_VALUE ? oneLine.substring(0, MAX_HEADER_VALUE) : oneLine;
    }
}
