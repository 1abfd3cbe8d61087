package io.github.natsjetstream.payload;

import java.lang.reflect.Type;

/**
 * Decodes JSON bodies to one type that the application declares, with the library that
 * {@link JsonLibraries} finds.
 */
public final class JsonPayloadDecoder implements PayloadDecoder {

    private final JsonCodec codec;
    private final Type type;

    private JsonPayloadDecoder(JsonCodec codec, Type type) {
        this.codec = codec;
        this.type = type;
    }

    /**
     * Creates the decoder of a channel with {@code payload-type=json}.
     *
     * @throws IllegalArgumentException when the class cannot be loaded
     * @throws IllegalStateException when neither Jackson nor JSON-B is on the class path
     */
    static JsonPayloadDecoder forChannel(String channel, String className) {
        JsonCodec codec = JsonLibraries.codec().orElseThrow(() -> new IllegalStateException("Channel '" + channel
                + "' sets payload-type=json, but neither Jackson nor JSON-B is on the class path. "
                + JsonLibraries.INSTALL_HINT + ", or set payload-type to bytes or string."));
        return new JsonPayloadDecoder(codec, PayloadClasses.load(channel, className));
    }

    /**
     * Creates a decoder for a method's parameter type.
     *
     * @throws IllegalStateException when neither Jackson nor JSON-B is on the class path
     */
    public static JsonPayloadDecoder forType(Type type) {
        JsonCodec codec = JsonLibraries.codec().orElseThrow(() -> new IllegalStateException("Cannot decode a JSON "
                + "body to " + type.getTypeName() + ": neither Jackson nor JSON-B is on the class path. "
                + JsonLibraries.INSTALL_HINT + "."));
        return new JsonPayloadDecoder(codec, type);
    }

    /**
     * Decodes the body. An empty body and the JSON literal {@code null} are rejected, because a
     * payload must not be {@code null}.
     */
    @Override
    public Object decode(byte[] body) {
        if (body.length == 0) {
            throw new PayloadDecodingException("the body is empty, so it cannot be decoded as JSON to "
                    + type.getTypeName());
        }

        Object value;
        try {
            value = codec.fromJson(body, type);
        } catch (PayloadDecodingException e) {
            throw new PayloadDecodingException("failed to decode the body as JSON to " + type.getTypeName()
                    + " with " + codec.name() + ": " + e.getMessage(), e.getCause());
        }
        if (value == null) {
            throw new PayloadDecodingException("the body is the JSON literal null, but a payload of type "
                    + type.getTypeName() + " must not be null");
        }
        return value;
    }
}
