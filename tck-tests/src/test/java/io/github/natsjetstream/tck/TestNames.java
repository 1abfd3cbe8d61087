package io.github.natsjetstream.tck;

import java.util.Locale;
import java.util.UUID;

/**
 * Subject, stream and durable names unique to one test, so tests on one server never see each
 * other's streams or consumers.
 *
 * @param token the first subject token, for example {@code tck-ack-3f9a1c2b}
 */
public record TestNames(String token) {

    /**
     * Creates names whose first subject token is the prefix followed by a random suffix.
     * The prefix must be lower case letters, digits and {@code -}.
     */
    public static TestNames random(String prefix) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new TestNames(prefix + "-" + suffix);
    }

    /**
     * Returns a subject below the first token, for example {@code tck-ack-3f9a1c2b.orders}.
     */
    public String subject(String rest) {
        return token + "." + rest;
    }

    /**
     * Returns the wildcard subject {@code <token>.>} that an auto-created stream captures.
     */
    public String allSubjects() {
        return token + ".>";
    }

    /**
     * Returns the stream name the connector derives from the subjects: the first token upper-cased
     * with {@code -} replaced by {@code _}.
     */
    public String derivedStream() {
        return token.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * Returns a durable consumer name unique to this test.
     */
    public String durable(String role) {
        return token + "-" + role;
    }
}
