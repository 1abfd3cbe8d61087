package io.github.natsjetstream.payload;

import java.lang.reflect.Type;

/**
 * One JSON library, as the connector uses it. Callers pass only types that the application
 * declares: a channel's {@code payload-class} or a method's parameter type.
 */
public interface JsonCodec {

    /** Library name for log and error messages, for example {@code Jackson 2.23.0}. */
    String name();

    /**
     * Decodes a UTF-8 JSON document to {@code type}.
     *
     * @throws PayloadDecodingException when the document is not valid JSON or does not fit the type
     */
    Object fromJson(byte[] json, Type type);

    /**
     * Encodes the value as UTF-8 JSON.
     *
     * @throws IllegalArgumentException when the library cannot encode the value's class
     */
    byte[] toJson(Object value);
}
