package io.github.natsjetstream.provisioning;

/**
 * Subject matching with NATS wildcards: {@code *} matches one token, {@code >} one or more
 * trailing tokens.
 */
public final class Subjects {

    private Subjects() {
    }

    /** Returns whether every subject that {@code subject} matches is also matched by {@code filter}. */
    public static boolean captures(String filter, String subject) {
        String[] filterTokens = filter.split("\\.");
        String[] subjectTokens = subject.split("\\.");
        for (int i = 0; i < filterTokens.length; i++) {
            String token = filterTokens[i];
            if (token.equals(">")) {
                return subjectTokens.length > i;
            }
            if (i >= subjectTokens.length) {
                return false;
            }
            String subjectToken = subjectTokens[i];
            if (subjectToken.equals(">")) {
                return false;
            }
            if (token.equals("*")) {
                continue;
            }
            if (subjectToken.equals("*") || !token.equals(subjectToken)) {
                return false;
            }
        }
        return filterTokens.length == subjectTokens.length;
    }

    /** Returns whether at least one subject matches both patterns. */
    static boolean collide(String left, String right) {
        String[] leftTokens = left.split("\\.");
        String[] rightTokens = right.split("\\.");
        int shared = Math.min(leftTokens.length, rightTokens.length);
        for (int i = 0; i < shared; i++) {
            String a = leftTokens[i];
            String b = rightTokens[i];
            if (a.equals(">") || b.equals(">")) {
                return true;
            }
            if (!a.equals("*") && !b.equals("*") && !a.equals(b)) {
                return false;
            }
        }
        return leftTokens.length == rightTokens.length;
    }
}
