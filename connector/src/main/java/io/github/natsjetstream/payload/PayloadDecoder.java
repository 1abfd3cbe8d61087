package io.github.natsjetstream.payload;

import java.nio.charset.StandardCharsets;

import io.github.natsjetstream.config.PullSettings;

/**
 * Turns the body of an incoming message into the payload that the channel's {@code payload-type}
 * sets: {@code byte[]} as is, {@code String} as UTF-8, or an object decoded from JSON.
 */
@FunctionalInterface
public interface PayloadDecoder {

    /**
     * Returns the payload for a body. Neither the body nor the payload is {@code null}.
     *
     * @throws PayloadDecodingException when the body does not decode to the channel's payload type
     */
    Object decode(byte[] body);

    /**
     * Creates the decoder of an incoming channel. Call it at startup: for {@code payload-type=json}
     * it loads {@code payload-class} and the JSON library.
     *
     * @throws IllegalArgumentException when {@code payload-class} cannot be loaded
     * @throws IllegalStateException when neither Jackson nor JSON-B is on the class path
     */
    static PayloadDecoder forChannel(String channel, PullSettings pull) {
        switch (pull.payloadType()) {
            case STRING:
                return body -> new String(body, StandardCharsets.UTF_8);
            case JSON:
                return JsonPayloadDecoder.forChannel(channel, pull.payloadClass().orElseThrow());
            default:
                return body -> body;
        }
    }
}
