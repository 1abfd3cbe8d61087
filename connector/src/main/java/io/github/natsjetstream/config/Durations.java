package io.github.natsjetstream.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written as {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO-8601
 * ({@code PT5S}). A bare number is rejected, because its unit would be a guess.
 */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Returns the duration, or throws {@link IllegalArgumentException} when the text is not one of
     * the accepted forms.
     */
    public static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);

        Matcher matcher = SIMPLE.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            switch (matcher.group(2)) {
                case "ms":
                    return Duration.ofMillis(amount);
                case "s":
                    return Duration.ofSeconds(amount);
                case "m":
                    return Duration.ofMinutes(amount);
                default:
                    return Duration.ofHours(amount);
            }
        }

        if (trimmed.startsWith("p")) {
            try {
                return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration", e);
            }
        }

        throw new IllegalArgumentException("not a duration");
    }
}
