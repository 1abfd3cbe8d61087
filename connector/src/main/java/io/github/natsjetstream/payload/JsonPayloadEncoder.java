package io.github.natsjetstream.payload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes outgoing payloads that are neither {@code byte[]} nor {@code String} as JSON, with the
 * library that {@link JsonLibraries} finds. A {@code String} is always sent as its UTF-8 bytes,
 * also when the message's {@code Content-Type} is JSON, so JSON text is never encoded twice.
 */
public final class JsonPayloadEncoder {

    private JsonPayloadEncoder() {
    }

    /** Returns whether the connector publishes the payload as JSON: anything but {@code byte[]} and {@code String}. */
    public static boolean isJsonPayload(Object payload) {
        return payload != null && !(payload instanceof byte[]) && !(payload instanceof String);
    }

    /**
     * Returns the payload as UTF-8 JSON.
     *
     * @throws IllegalArgumentException for a {@code null} payload or one the library cannot encode
     * @throws IllegalStateException when neither Jackson nor JSON-B is on the class path
     */
    public static byte[] encode(Object payload, String channel) {
        if (payload == null) {
            throw new IllegalArgumentException("Channel '" + channel + "' cannot publish a null payload. Send a "
                    + "byte[], a String, or an object to publish as JSON.");
        }

        String type = payload.getClass().getName();
        JsonCodec codec = JsonLibraries.codec().orElseThrow(() -> new IllegalStateException("Channel '" + channel
                + "' cannot publish a payload of type " + type + ": payloads other than byte[] and String are "
                + "published as JSON, but neither Jackson nor JSON-B is on the class path. "
                + JsonLibraries.INSTALL_HINT + ", or convert the payload to byte[] or String before sending it."));
        try {
            return codec.toJson(payload);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Channel '" + channel + "' failed to encode a payload of type " + type
                    + " as JSON with " + codec.name() + ": " + e.getMessage() + ". Give the class properties that "
                    + "the library can write, such as public fields or getters, or convert the payload to byte[] "
                    + "or String before sending it.", e);
        }
    }

    /**
     * Returns the headers with {@code Content-Type: application/json} added when the payload is
     * published as JSON and the headers have no {@code Content-Type} in any spelling. A
     * {@code Content-Type} that the message sets is kept as it is.
     */
    public static Map<String, List<String>> withContentType(Map<String, List<String>> headers, Object payload) {
        if (!isJsonPayload(payload) || ContentTypes.find(headers).isPresent()) {
            return headers;
        }
        Map<String, List<String>> added = new LinkedHashMap<>(headers);
        added.put(ContentTypes.HEADER, List.of(ContentTypes.JSON));
        return added;
    }
}
