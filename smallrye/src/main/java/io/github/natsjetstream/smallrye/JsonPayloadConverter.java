package io.github.natsjetstream.smallrye;

import java.lang.reflect.Type;
import java.util.Optional;

import io.github.natsjetstream.payload.ContentTypes;
import io.github.natsjetstream.payload.JsonPayloadDecoder;
import io.github.natsjetstream.payload.PayloadDecodingException;
import io.smallrye.reactive.messaging.MessageConverter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Lets an {@code @Incoming} method take any type other than {@code byte[]} and {@code String}
 * from a {@code nats-jetstream} channel that hands over {@code byte[]}, by decoding the body as
 * JSON to the method's parameter type with Jackson or JSON-B, whichever the application has.
 *
 * <p>It takes messages whose {@code Content-Type} is JSON, and messages with no {@code Content-Type},
 * for which the parameter type is what selects JSON. SmallRye keeps using the converter that
 * matched the first message of a method for all later ones, so {@link #convert} rejects a
 * {@code Content-Type} that is not JSON too. A body that fails to decode makes {@code convert}
 * throw, and SmallRye then nacks the message with that error without calling the method, so the
 * channel's {@code failure-strategy} applies.
 */
@ApplicationScoped
public class JsonPayloadConverter implements MessageConverter {

    /** SmallRye tries converters in ascending priority order, so this one comes after the default ones. */
    private static final int PRIORITY = CONVERTER_DEFAULT_PRIORITY + 100;

    @Override
    public boolean canConvert(Message<?> message, Type target) {
        if (!(message.getPayload() instanceof byte[]) || !isJsonTarget(target)) {
            return false;
        }
        Optional<JetStreamIncomingMetadata> metadata = message.getMetadata(JetStreamIncomingMetadata.class);
        return metadata.isPresent() && ContentTypes.find(metadata.get().headers()).map(ContentTypes::isJson)
                .orElse(true);
    }

    @Override
    public Message<?> convert(Message<?> message, Type target) {
        JetStreamIncomingMetadata metadata = message.getMetadata(JetStreamIncomingMetadata.class).orElseThrow();
        String position = "Stream " + metadata.stream() + " sequence " + metadata.streamSequence();
        Optional<String> contentType = ContentTypes.find(metadata.headers());
        if (contentType.isPresent() && !ContentTypes.isJson(contentType.get())) {
            throw new PayloadDecodingException(position + " has Content-Type " + contentType.get() + ", but the "
                    + "method takes " + target.getTypeName() + ", which only a JSON body can be decoded to. Send "
                    + "JSON, or take byte[] or String in the method.");
        }

        try {
            return message.withPayload(JsonPayloadDecoder.forType(target).decode((byte[]) message.getPayload()));
        } catch (PayloadDecodingException e) {
            throw new PayloadDecodingException(position + ": " + e.getMessage(), e.getCause());
        }
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    /** Returns whether JSON is the only mapping from bytes to the type: not String, and no supertype of byte[]. */
    private static boolean isJsonTarget(Type target) {
        if (target instanceof Class<?> type) {
            return type != String.class && !type.isAssignableFrom(byte[].class);
        }
        return true;
    }
}
