package io.github.natsjetstream.payload;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Type;
import java.util.List;
import java.util.ServiceConfigurationError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.DefaultBaseTypeLimitingValidator;

/**
 * JSON with Jackson 2 databind. Load this class only after {@link JsonLibraries} found Jackson.
 *
 * <p>The mapper registers the Jackson modules on the class path, such as
 * {@code jackson-datatype-jsr310}. It writes dates as ISO-8601 text and ignores unknown properties,
 * as JSON-B does, and it rejects content after the JSON value, which Jackson accepts by default.
 *
 * <p>Polymorphic type ids that name a class are rejected for properties declared as {@code Object},
 * {@code Serializable} and the other base types that Jackson's
 * {@link DefaultBaseTypeLimitingValidator} lists, because those are the ones that deserialization
 * gadgets need. Default typing stays off.
 */
final class JacksonCodec implements JsonCodec {

    private static final System.Logger LOG = System.getLogger(JacksonCodec.class.getName());

    private final ObjectMapper mapper;

    JacksonCodec() {
        this.mapper = JsonMapper.builder()
                .addModules(modules())
                .polymorphicTypeValidator(new DefaultBaseTypeLimitingValidator())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    @Override
    public String name() {
        return "Jackson " + mapper.version();
    }

    @Override
    public Object fromJson(byte[] json, Type type) {
        try {
            return mapper.readValue(json, mapper.constructType(type));
        } catch (IOException e) {
            throw new PayloadDecodingException(oneLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            // A body from the network must not end the channel, whatever the library throws for it.
            throw new PayloadDecodingException(e.toString(), e);
        }
    }

    @Override
    public byte[] toJson(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(oneLine(e.getMessage()), e);
        }
    }

    /** Joins the lines of Jackson's message, which puts the location on a line of its own. */
    private static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ");
    }

    /** Returns the Jackson modules that the connector's class loader finds, or none if one fails to load. */
    private static List<Module> modules() {
        try {
            return MapperBuilder.findModules(JacksonCodec.class.getClassLoader());
        } catch (ServiceConfigurationError | LinkageError e) {
            LOG.log(Level.WARNING, "Failed to load the Jackson modules on the class path; JSON payloads use Jackson "
                    + "without modules: " + e);
            return List.of();
        }
    }
}
