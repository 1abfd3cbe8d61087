package io.github.natsjetstream.outgoing;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.natsjetstream.config.OutgoingConfig;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.nats.client.NUID;

/**
 * Publishes one message to JetStream and completes with its PubAck.
 *
 * <p>A message larger than the server's max payload fails before it is sent. With
 * {@code publish-retries}, a publish that timed out or found no responder is sent again with the
 * same {@code Nats-Msg-Id}, so the stream stores it once if the attempts fall within its
 * duplicate window (2 minutes by default); a PubAck
 * marked duplicate counts as success. A publish that the server rejects, such as one whose
 * {@code Nats-Expected-*} header does not hold, is not sent again.
 */
final class AckedPublisher {

    private static final System.Logger LOG = System.getLogger(AckedPublisher.class.getName());
    private static final String MESSAGE_ID = "Nats-Msg-Id";
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final OutgoingConfig config;
    private final Connection connection;
    private final JetStream jetStream;
    private final PublishTimeouts timeouts;

    AckedPublisher(OutgoingConfig config, Connection connection, JetStream jetStream) {
        this.config = config;
        this.connection = connection;
        this.jetStream = jetStream;
        this.timeouts = new PublishTimeouts(config.publishTimeout());
    }

    /** Stops watching for time-outs; publishes still pending then wait for jnats' own clean-up. */
    void close() {
        timeouts.close();
    }

    CompletableFuture<PublishAck> publish(PublishRequest request) {
        Headers withId = messageIdIfRetrying(request.headers());
        try {
            checkSize(request.subject(), request.body(), withId);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }

        NatsMessage message = NatsMessage.builder()
                .subject(request.subject())
                .headers(withId)
                .data(request.body())
                .build();
        return attempt(message, 0);
    }

    private CompletableFuture<PublishAck> attempt(NatsMessage message, int retry) {
        CompletableFuture<PublishAck> sent;
        try {
            // No PublishOptions, so no expected stream: nats-server 2.9 stores Nats-Expected-*
            // headers with the message, and every consumer would receive one the application never set.
            sent = timeouts.watch(jetStream.publishAsync(message));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }

        if (config.publishRetries() == 0) {
            return sent;
        }
        return sent.handle((ack, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(ack);
            }
            Throwable cause = rootCause(failure);
            if (retry >= config.publishRetries() || !isRetryable(cause)) {
                return CompletableFuture.<PublishAck>failedFuture(cause);
            }

            LOG.log(Level.DEBUG, "Channel ''{0}'' retries publish {1} of {2} to subject {3} after: {4}",
                    config.channel(), String.valueOf(retry + 1), String.valueOf(config.publishRetries()),
                    message.getSubject(), cause.toString());
            Executor later = CompletableFuture.delayedExecutor(RETRY_PAUSE.toMillis() * (retry + 1),
                    TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(ignored -> attempt(message, retry + 1));
        }).thenCompose(next -> next);
    }

    private Headers messageIdIfRetrying(Headers headers) {
        if (config.publishRetries() == 0) {
            return headers;
        }
        Headers copy = headers == null ? new Headers() : new Headers(headers);
        if (copy.getFirst(MESSAGE_ID) == null) {
            copy.put(MESSAGE_ID, NUID.nextGlobal());
        }
        return copy;
    }

    private void checkSize(String subject, byte[] body, Headers headers) {
        long maxPayload = connection.getServerInfo() == null ? 0 : connection.getServerInfo().getMaxPayload();
        long size = body.length + (headers == null ? 0 : headers.serializedLength());
        if (maxPayload > 0 && size > maxPayload) {
            throw new IllegalArgumentException("Channel '" + config.channel() + "' cannot publish " + size
                    + " bytes to subject '" + subject + "': the server's max_payload is " + maxPayload
                    + " bytes. Make the message smaller or raise max_payload in the server configuration.");
        }
    }

    /**
     * Returns whether a new attempt may succeed: time-outs and missing responders, not rejections.
     * jnats 2.26 reports a 503 as an {@code IOException} wrapped in a {@code RuntimeException}.
     */
    private static boolean isRetryable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof IOException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Returns the failure without the wrappers that carry it: {@code CompletionException}, and the
     * plain {@code RuntimeException} in which jnats 2.26 wraps the {@code JetStreamApiException} or
     * {@code IOException} of a publish. A rejected expectation thus reaches the application as a
     * {@code JetStreamApiException} with the server's error code, such as 10071 for a wrong last
     * sequence.
     */
    static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && (cause instanceof CompletionException || isJnatsWrapper(cause))) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isJnatsWrapper(Throwable failure) {
        return failure.getClass() == RuntimeException.class
                && (failure.getCause() instanceof JetStreamApiException || failure.getCause() instanceof IOException);
    }
}
