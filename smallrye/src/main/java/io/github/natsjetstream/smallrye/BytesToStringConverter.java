package io.github.natsjetstream.smallrye;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import io.smallrye.reactive.messaging.MessageConverter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Lets an {@code @Incoming} method take a {@code String} from a {@code nats-jetstream} channel
 * that hands over {@code byte[]}, by decoding the body as UTF-8. Without it SmallRye rejects every
 * such message and the server redelivers it in a loop.
 */
@ApplicationScoped
public class BytesToStringConverter implements MessageConverter {

    @Override
    public boolean canConvert(Message<?> message, Type target) {
        return target == String.class && message.getPayload() instanceof byte[]
                && message.getMetadata(JetStreamIncomingMetadata.class).isPresent();
    }

    @Override
    public Message<?> convert(Message<?> message, Type target) {
        return message.withPayload(new String((byte[]) message.getPayload(), StandardCharsets.UTF_8));
    }
}
