package io.github.natsjetstream.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.spi.ChannelObserver;
import io.github.natsjetstream.spi.IncomingObservation;
import io.github.natsjetstream.spi.OutgoingObservation;
import io.nats.client.impl.Headers;

/**
 * Records the {@link ChannelMetric}s of every channel in the metrics library that the application
 * provides, chosen by {@link BackendSelector}. The connector loads it through
 * {@code META-INF/services}. It refers to no metrics library class itself, so it loads everywhere.
 */
public final class MetricsObserver implements ChannelObserver {

    private final BackendSelector selector = new BackendSelector();
    private final ConcurrentMap<String, ChannelMeters> channels = new ConcurrentHashMap<>();

    @Override
    public IncomingObservation received(String channel, JetStreamIncomingMessage<?> message) {
        ChannelMeters meters = metersOf(channel);
        if (meters == null) {
            return IncomingObservation.NONE;
        }
        meters.received(message.getDeliveredCount() > 1);
        return meters;
    }

    @Override
    public OutgoingObservation publishing(String channel, String subject, Headers headers, Message<?> message) {
        ChannelMeters meters = metersOf(channel);
        return meters == null ? OutgoingObservation.NONE : new PublishTimer(meters);
    }

    /** Returns the channel's meters, or {@code null} while no backend records anything. */
    private ChannelMeters metersOf(String channel) {
        ChannelMeters meters = channels.get(channel);
        if (meters != null) {
            return meters;
        }
        MeterBackend backend = selector.backend();
        if (backend == null) {
            return null;
        }
        ChannelMeters registered = backend.register(channel);
        if (registered == null) {
            return null;
        }
        ChannelMeters previous = channels.putIfAbsent(channel, registered);
        return previous == null ? registered : previous;
    }
}
