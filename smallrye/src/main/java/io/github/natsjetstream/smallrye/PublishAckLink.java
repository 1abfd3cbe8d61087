package io.github.natsjetstream.smallrye;

import java.util.function.Consumer;

import io.nats.client.api.PublishAck;

/**
 * SmallRye metadata that leads the PubAck back to the {@code JetStreamOutgoingMessage} a message
 * was made from, when a runtime re-wrapped it into a plain {@code Message}.
 *
 * @param target stores the PubAck in the holder that the original message and its copies share
 */
record PublishAckLink(Consumer<PublishAck> target) {
}
