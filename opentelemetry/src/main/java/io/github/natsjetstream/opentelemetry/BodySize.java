package io.github.natsjetstream.opentelemetry;

/** Computes the size in bytes of the NATS body that the connector makes from a payload, without encoding it. */
final class BodySize {

    private BodySize() {
    }

    /**
     * Returns the body size of a {@code byte[]} or of a {@code String}, which the connector sends as
     * UTF-8, or -1 for other payloads, whose JSON form the connector encodes later.
     */
    static long of(Object payload) {
        if (payload instanceof byte[] bytes) {
            return bytes.length;
        }
        if (payload instanceof String text) {
            return utf8Length(text);
        }
        return -1;
    }

    private static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                // A lone surrogate is encoded as '?', one byte, by String.getBytes(UTF_8).
                length += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return length;
    }
}
