package io.github.natsjetstream.interop;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bodies and headers that the tests send in both directions. */
final class TestData {

    private TestData() {
    }

    /** Returns the 256 byte values 0x00 to 0xff, in order. */
    static byte[] allByteValues() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the headers in the order given, so that both clients write them in that order. */
    @SafeVarargs
    static Map<String, List<String>> headers(Map.Entry<String, List<String>>... entries) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : entries) {
            headers.put(entry.getKey(), entry.getValue());
        }
        return headers;
    }

    static Map.Entry<String, List<String>> header(String name, String... values) {
        return Map.entry(name, List.of(values));
    }

    /**
     * Returns one message of each kind that both directions must carry unchanged: several headers,
     * one of them with three values, all byte values, an empty body with and without headers, and a
     * body without headers.
     */
    static List<NatsMessage> messageKinds(String subject) {
        return List.of(
                new NatsMessage(subject, utf8("order A-1"), headers(
                        header("Order-Id", "A-1"),
                        header("X-Multi", "one", "two", "three"),
                        header("Content-Type", "text/plain; charset=utf-8"),
                        header("lower-case-name", "kept as written"),
                        header("X-Spaces", "inner  spaces kept"))),
                new NatsMessage(subject, allByteValues(), headers(header("X-Case", "binary"))),
                new NatsMessage(subject, new byte[0], headers(header("X-Case", "empty"))),
                NatsMessage.withoutHeaders(subject, utf8("no headers here")),
                NatsMessage.withoutHeaders(subject, new byte[0]));
    }
}
