package io.github.natsjetstream.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Derives NATS subjects and stream names from channel names and subjects.
 */
public final class NatsNames {

    private static final Pattern CONCURRENCY_SUFFIX = Pattern.compile("\\$\\d+$");
    private static final Pattern INVALID_NAME_CHARACTERS = Pattern.compile("[\\s.*>/\\\\$]");

    private NatsNames() {
    }

    /**
     * Removes the {@code $N} suffix that SmallRye's {@code concurrency} setting adds to channel
     * names ({@code in$1}, {@code in$2}), so that every copy of a channel uses the same subject.
     */
    public static String baseChannelName(String channel) {
        return CONCURRENCY_SUFFIX.matcher(channel).replaceAll("");
    }

    /** Replaces characters that stream, consumer and thread names may not contain with {@code _}. */
    public static String safeName(String name) {
        return INVALID_NAME_CHARACTERS.matcher(name).replaceAll("_");
    }

    /** Returns whether a stream or durable consumer name is valid in JetStream. */
    public static boolean isValidName(String name) {
        return !name.isEmpty() && !INVALID_NAME_CHARACTERS.matcher(name).find();
    }

    /** Returns the first token of a subject: {@code orders} for {@code orders.created}. */
    public static String firstToken(String subject) {
        int dot = subject.indexOf('.');
        return dot < 0 ? subject : subject.substring(0, dot);
    }

    /**
     * Returns the stream name the Go driver used for a subject: the first token upper-cased with
     * {@code -} replaced by {@code _}, so that services on either client share one stream.
     */
    public static String streamNameFor(String subject) {
        return safeName(firstToken(subject).toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public static boolean isWildcardToken(String token) {
        return token.equals("*") || token.equals(">");
    }
}
