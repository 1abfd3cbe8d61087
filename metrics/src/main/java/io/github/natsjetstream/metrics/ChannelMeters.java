package io.github.natsjetstream.metrics;

import io.github.natsjetstream.spi.IncomingObservation;

/**
 * The meters of one channel in one metrics library. As an {@link IncomingObservation} it counts the
 * ack or nack of every message of its channel, so following a message allocates nothing.
 */
interface ChannelMeters extends IncomingObservation {

    void received(boolean redelivery);

    void published(long latencyNanos);

    void publishFailed();
}
