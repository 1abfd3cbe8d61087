package io.github.natsjetstream.metrics;

import io.github.natsjetstream.spi.OutgoingObservation;
import io.nats.client.api.PublishAck;

/** One publish, timed from its start to its PubAck. */
final class PublishTimer implements OutgoingObservation {

    private final ChannelMeters meters;
    private final long startNanos;

    PublishTimer(ChannelMeters meters) {
        this.meters = meters;
        this.startNanos = System.nanoTime();
    }

    @Override
    public void published(PublishAck ack) {
        meters.published(System.nanoTime() - startNanos);
    }

    @Override
    public void failed(Throwable failure) {
        meters.publishFailed();
    }
}
