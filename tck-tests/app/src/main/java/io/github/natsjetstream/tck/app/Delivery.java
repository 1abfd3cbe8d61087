package io.github.natsjetstream.tck.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One delivery of a message to an {@code @Incoming} method of the conformance application, with
 * what the method did with it and the JetStream metadata it read.
 *
 * <p>{@link #toLine()} and {@link #fromLine(String)} convert a delivery to one line of text and
 * back, which is how the REST resource reports deliveries without a JSON library.
 *
 * @param channel the incoming channel, {@code tck-messages} or {@code tck-payloads}
 * @param payload the payload as the method received it
 * @param attempt 1 for the first delivery of this payload to this application, 2 for the second
 * @param outcome what the method did
 * @param subject the subject from {@code JetStreamIncomingMessage}, empty when the method cannot
 *     read metadata
 * @param stream the stream name, empty when the method cannot read metadata
 * @param streamSequence the stream sequence, 0 when the method cannot read metadata
 * @param deliveredCount JetStream's delivery count, 0 when the method cannot read metadata
 * @param headers the NATS headers, each with all its values
 * @param metadataError the exception of {@code Message.unwrap}, empty when it succeeded or was
 *     not called
 */
public record Delivery(
        String channel,
        String payload,
        int attempt,
        Outcome outcome,
        String subject,
        String stream,
        long streamSequence,
        long deliveredCount,
        Map<String, List<String>> headers,
        String metadataError) {

    /** What the {@code @Incoming} method did with a delivery. */
    public enum Outcome {
        /** The method called {@code Message.ack()} and the returned stage completed. */
        ACKED,
        /** The method called {@code Message.nack()} and the returned stage completed. */
        NACKED,
        /** The stage returned by {@code ack()} or {@code nack()} failed. */
        ACK_FAILED,
        /** The method, which takes a payload, returned normally, so the runtime acks the message. */
        PROCESSED,
        /** The method, which takes a payload, threw, so the runtime nacks the message. */
        FAILED
    }

    public Delivery {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Creates a delivery of a method that does not read metadata. */
    public static Delivery withoutMetadata(String channel, String payload, int attempt, Outcome outcome) {
        return new Delivery(channel, payload, attempt, outcome, "", "", 0, 0, Map.of(), "");
    }

    /** Returns a copy with another outcome. */
    public Delivery withOutcome(Outcome newOutcome) {
        return new Delivery(channel, payload, attempt, newOutcome, subject, stream, streamSequence, deliveredCount,
                headers, metadataError);
    }

    /**
     * Encodes this delivery as one line: the fields in declaration order, URL-encoded and
     * separated by tabs. The headers field is an encoded {@code name=value&name=value} list, with
     * one entry per value.
     */
    public String toLine() {
        List<String> fields = List.of(
                channel,
                payload,
                Integer.toString(attempt),
                outcome.name(),
                subject,
                stream,
                Long.toString(streamSequence),
                Long.toString(deliveredCount),
                encodeHeaders(headers),
                metadataError);
        List<String> encoded = new ArrayList<>();
        for (String field : fields) {
            encoded.add(encode(field));
        }
        return String.join("\t", encoded);
    }

    /**
     * Decodes a line written by {@link #toLine()}.
     *
     * @throws IllegalArgumentException if the line does not have ten fields
     */
    public static Delivery fromLine(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 10) {
            throw new IllegalArgumentException("Invalid delivery line, expected 10 tab-separated fields but found "
                    + fields.length + ": " + line);
        }
        return new Delivery(
                decode(fields[0]),
                decode(fields[1]),
                Integer.parseInt(decode(fields[2])),
                Outcome.valueOf(decode(fields[3])),
                decode(fields[4]),
                decode(fields[5]),
                Long.parseLong(decode(fields[6])),
                Long.parseLong(decode(fields[7])),
                decodeHeaders(decode(fields[8])),
                decode(fields[9]));
    }

    private static String encodeHeaders(Map<String, List<String>> headers) {
        List<String> entries = new ArrayList<>();
        headers.forEach((name, values) -> {
            for (String value : values) {
                entries.add(encode(name) + "=" + encode(value));
            }
        });
        return String.join("&", entries);
    }

    private static Map<String, List<String>> decodeHeaders(String encoded) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (encoded.isEmpty()) {
            return headers;
        }
        for (String entry : encoded.split("&")) {
            int equals = entry.indexOf('=');
            String name = decode(entry.substring(0, equals));
            String value = decode(entry.substring(equals + 1));
            headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return headers;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, UTF_8);
    }
}
