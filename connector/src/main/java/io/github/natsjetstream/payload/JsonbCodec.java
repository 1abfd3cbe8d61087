package io.github.natsjetstream.payload;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

/**
 * JSON with Jakarta JSON Binding, for example Yasson. Load this class only after
 * {@link JsonLibraries} found the JSON-B API.
 *
 * <p>JSON-B's defaults apply: unknown properties are ignored and dates are ISO-8601 text.
 * Polymorphic types in JSON-B 3.0 use aliases that the application declares, never class names.
 */
final class JsonbCodec implements JsonCodec {

    private final Jsonb jsonb;

    /** @throws JsonbException when the API is present but no JSON-B implementation is */
    JsonbCodec() {
        this.jsonb = JsonbBuilder.create();
    }

    @Override
    public String name() {
        return "JSON-B (" + jsonb.getClass().getName() + ")";
    }

    @Override
    public Object fromJson(byte[] json, Type type) {
        try {
            return jsonb.fromJson(new ByteArrayInputStream(json), type);
        } catch (RuntimeException e) {
            // Broader than JsonbException, so that no body from the network can end the channel.
            throw new PayloadDecodingException(String.valueOf(e.getMessage()), e);
        }
    }

    @Override
    public byte[] toJson(Object value) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try {
            jsonb.toJson(value, json);
        } catch (JsonbException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return json.toByteArray();
    }
}
