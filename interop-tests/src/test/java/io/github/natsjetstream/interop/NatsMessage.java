package io.github.natsjetstream.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NATS message as both sides see it: subject, body and headers.
 *
 * @param headers each header name with all its values in order, or {@code null} for a message
 *                without a header block
 */
record NatsMessage(String subject, byte[] body, Map<String, List<String>> headers) {

    NatsMessage {
        body = body.clone();
        headers = headers == null ? null : copy(headers);
    }

    static NatsMessage withoutHeaders(String subject, byte[] body) {
        return new NatsMessage(subject, body, null);
    }

    /**
     * Returns the message as publish.mjs reads it: the body in base64 and the headers as
     * {@code [name, value]} pairs, one pair per value.
     */
    Map<String, Object> toPublishRequest() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("subject", subject);
        request.put("body", Base64.getEncoder().encodeToString(body));
        request.put("headers", headers == null ? null : pairs(headers));
        return request;
    }

    /** Reads the subject, body and headers of a {@code message} event of consume.mjs. */
    static NatsMessage fromNodeEvent(JsonNode event) {
        byte[] body = Base64.getDecoder().decode(event.path("body").asText());
        JsonNode pairs = event.path("headers");
        if (pairs.isNull() || pairs.isMissingNode()) {
            return withoutHeaders(event.path("subject").asText(), body);
        }

        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (JsonNode pair : pairs) {
            headers.computeIfAbsent(pair.get(0).asText(), name -> new ArrayList<>()).add(pair.get(1).asText());
        }
        return new NatsMessage(event.path("subject").asText(), body, headers);
    }

    private static List<List<String>> pairs(Map<String, List<String>> headers) {
        List<List<String>> pairs = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(value -> pairs.add(List.of(name, value))));
        return pairs;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
