package io.github.natsjetstream.fault;

/**
 * The message bodies of a scenario: {@code <id>|<kind>}, where a {@code poison} message always
 * fails in the consumer and an {@code oversized} one is padded past the server's max_payload.
 */
final class Payloads {

    static final String NORMAL = "normal";
    static final String POISON = "poison";
    static final String OVERSIZED = "oversized";

    private Payloads() {
    }

    static String id(int index) {
        return String.format("m-%06d", index);
    }

    static String body(String id, String kind, int oversizedBytes) {
        String body = id + "|" + kind;
        if (OVERSIZED.equals(kind)) {
            return body + "|" + "x".repeat(Math.max(0, oversizedBytes - body.length() - 1));
        }
        return body;
    }

    static String idOf(String body) {
        int separator = body.indexOf('|');
        return separator < 0 ? body : body.substring(0, separator);
    }

    static boolean isPoison(String body) {
        return body.startsWith(POISON, body.indexOf('|') + 1);
    }
}
