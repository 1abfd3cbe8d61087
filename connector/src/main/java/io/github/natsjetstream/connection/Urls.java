package io.github.natsjetstream.connection;

import java.util.regex.Pattern;

/**
 * Removes user info (user, password or token) from NATS URLs before they reach a log or an error.
 */
public final class Urls {

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^@\\s,]*@");

    private Urls() {
    }

    /** Returns the text with the user info of every URL in it removed. */
    public static String redact(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("");
    }
}
