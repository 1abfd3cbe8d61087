package io.github.natsjetstream.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handling of a message that the application nacks or whose method throws.
 *
 * @param nakBackoff redelivery delays by delivery count; the last entry applies to later deliveries
 */
public record FailureSettings(Strategy strategy, Duration nakDelay, List<Duration> nakBackoff,
                              Optional<String> deadLetterSubject) {

    /** The {@code failure-strategy} values. */
    public enum Strategy {
        NAK, TERM, DEAD_LETTER, FAIL, IGNORE
    }

    private static final Map<String, Strategy> STRATEGIES = new LinkedHashMap<>();

    static {
        STRATEGIES.put("nak", Strategy.NAK);
        STRATEGIES.put("term", Strategy.TERM);
        STRATEGIES.put("dead-letter", Strategy.DEAD_LETTER);
        STRATEGIES.put("fail", Strategy.FAIL);
        STRATEGIES.put("ignore", Strategy.IGNORE);
    }

    static FailureSettings from(ChannelConfig config) {
        Strategy strategy = config.choice(Attribute.FAILURE_STRATEGY, STRATEGIES, Strategy.NAK);
        Optional<String> deadLetterSubject = config.string(Attribute.DEAD_LETTER_SUBJECT);
        if (strategy == Strategy.DEAD_LETTER && deadLetterSubject.isEmpty()) {
            throw new IllegalArgumentException("Channel '" + config.channel() + "' sets failure-strategy=dead-letter "
                    + "but no '" + Attribute.DEAD_LETTER_SUBJECT.key() + "'. Set the subject to publish failed "
                    + "messages to.");
        }
        deadLetterSubject.filter(subject -> subject.contains("*") || subject.contains(">"))
                .ifPresent(subject -> {
                    throw config.invalid(Attribute.DEAD_LETTER_SUBJECT, subject, "a subject without wildcards");
                });

        List<Duration> backoff = new ArrayList<>();
        for (String item : config.list(Attribute.NAK_BACKOFF)) {
            backoff.add(config.parseDuration(Attribute.NAK_BACKOFF, item, true));
        }

        Duration nakDelay = config.string(Attribute.NAK_DELAY)
                .map(text -> config.parseDuration(Attribute.NAK_DELAY, text, true))
                .orElse(Duration.ZERO);
        return new FailureSettings(strategy, nakDelay, List.copyOf(backoff), deadLetterSubject);
    }

    /**
     * Returns the redelivery delay for a message on its given delivery: the {@code nak-backoff}
     * entry for that delivery, or {@code nak-delay} when no backoff is set.
     */
    public Duration delayFor(long deliveredCount) {
        if (nakBackoff.isEmpty()) {
            return nakDelay;
        }
        int index = (int) Math.min(Math.max(deliveredCount - 1, 0), nakBackoff.size() - 1);
        return nakBackoff.get(index);
    }
}
