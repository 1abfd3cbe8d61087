package io.github.natsjetstream.payload;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Finds the JSON library that the application has: Jackson when the connector's class loader
 * finds {@code com.fasterxml.jackson.databind.ObjectMapper}, else JSON-B when it finds
 * {@code jakarta.json.bind.JsonbBuilder} and an implementation, else none.
 *
 * <p>The codec classes refer to their library directly, so they are loaded only after this check.
 * The search runs once, on first use.
 */
public final class JsonLibraries {

    /** Fix for error messages that report a missing JSON library. */
    public static final String INSTALL_HINT = "Add com.fasterxml.jackson.core:jackson-databind, or the JSON-B API "
            + "with an implementation such as org.eclipse:yasson, to the application";

    private static final System.Logger LOG = System.getLogger(JsonLibraries.class.getName());
    private static final String JACKSON_CLASS = "com.fasterxml.jackson.databind.ObjectMapper";
    private static final String JSONB_CLASS = "jakarta.json.bind.JsonbBuilder";

    private JsonLibraries() {
    }

    /** Returns the codec of the library found, or empty when the application has neither. */
    public static Optional<JsonCodec> codec() {
        return Detected.CODEC;
    }

    /** Search result, computed when the first call to {@link #codec()} initializes this class. */
    private static final class Detected {
        static final Optional<JsonCodec> CODEC = detect(JsonLibraries.class.getClassLoader());
    }

    private static Optional<JsonCodec> detect(ClassLoader loader) {
        Optional<JsonCodec> codec = Optional.empty();
        if (isPresent(JACKSON_CLASS, loader)) {
            codec = Optional.of(new JacksonCodec());
        } else if (isPresent(JSONB_CLASS, loader)) {
            codec = jsonb();
        }

        if (codec.isPresent()) {
            LOG.log(Level.INFO, "JSON payloads use {0}", codec.get().name());
        } else {
            LOG.log(Level.DEBUG, "Neither Jackson nor JSON-B is on the class path; only byte[] and String "
                    + "payloads are supported");
        }
        return codec;
    }

    private static Optional<JsonCodec> jsonb() {
        try {
            return Optional.of(new JsonbCodec());
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "The JSON-B API is on the class path but failed to create a Jsonb instance, "
                    + "so JSON payloads are not available. Add a JSON-B implementation such as org.eclipse:yasson. "
                    + "Cause: " + e);
            return Optional.empty();
        }
    }

    private static boolean isPresent(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
