package io.github.natsjetstream.incoming;

import java.time.Duration;
import java.util.Objects;

/**
 * Asks for a message to be redelivered after a delay that the application chooses.
 *
 * <p>Throw it from an {@code @Incoming} method, or pass it to {@code Message.nack(...)}, on any
 * MicroProfile runtime. With {@code failure-strategy=nak} its delay takes precedence over
 * {@code nak-backoff} and {@code nak-delay}. The connector also finds it as the cause of another
 * exception, because runtimes may wrap what a method throws.
 */
public class RedeliverLaterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration delay;

    public RedeliverLaterException(Duration delay) {
        this(delay, null);
    }

    public RedeliverLaterException(Duration delay, Throwable cause) {
        super("Redeliver after " + Objects.requireNonNull(delay, "delay").toMillis() + " ms", cause);
        if (delay.isNegative()) {
            throw new IllegalArgumentException("The redelivery delay must not be negative: " + delay);
        }
        this.delay = delay;
    }

    public Duration delay() {
        return delay;
    }
}
