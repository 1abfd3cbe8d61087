package io.github.natsjetstream.incoming;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import io.github.natsjetstream.config.FailureSettings;
import io.nats.client.JetStream;

/**
 * Builds the {@link FailureStrategy} that {@code failure-strategy} names.
 */
final class FailureStrategies {

    /** Time allowed for the PubAck of a dead-letter copy. */
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(5);

    private FailureStrategies() {
    }

    /**
     * @param maxDeliver the durable's max deliver; 0 or less means unlimited
     * @param failChannel ends the channel with the given error
     */
    static FailureStrategy create(FailureSettings settings, long maxDeliver, JetStream jetStream,
                                  Consumer<Throwable> failChannel) {
        Optional<DeadLetterStrategy> deadLetter = settings.deadLetterSubject()
                .map(subject -> new DeadLetterStrategy(jetStream, subject, DEAD_LETTER_TIMEOUT));
        NakStrategy nak = new NakStrategy(settings, maxDeliver, deadLetter);

        switch (settings.strategy()) {
            case TERM:
                return new TermStrategy();
            case DEAD_LETTER:
                return deadLetter.orElseThrow();
            case FAIL:
                return new FailChannelStrategy(nak, failChannel);
            case IGNORE:
                return new IgnoreStrategy();
            default:
                return nak;
        }
    }
}
