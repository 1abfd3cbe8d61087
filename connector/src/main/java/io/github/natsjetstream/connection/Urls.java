package io.github.natsjetstream.connection;

import java.util.regex.Pattern;

/**
 * Removes user info (user, password or token) from NATS URLs before they reach a log or an error.
 * It handles URLs with a scheme ({@code nats://user:password@host}) and without one
 * ({@code user:password@host}), which jnats also accepts.
 */
public final class Urls {

    private static final Pattern WITH_SCHEME = Pattern.compile("(?<=://)[^@\\s,\\]]*@");
    private static final Pattern WITHOUT_SCHEME = Pattern.compile("(?<=^|[\\s,\\[(])[^\\s,\\[\\]()@/:]+:(?!//)[^\\s,@\\]]*@");

    private Urls() {
    }

    /** Returns the text with the user info of every URL in it removed. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        // URLs with a scheme go first, so that the second pattern never reads "nats:" as a user name.
        String schemeRedacted = WITH_SCHEME.matcher(text).replaceAll("");
        return WITHOUT_SCHEME.matcher(schemeRedacted).replaceAll("");
    }
}
