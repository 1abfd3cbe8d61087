package io.github.natsjetstream.metrics;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.spi.ChannelObserver;
import io.github.natsjetstream.spi.IncomingObservation;
import io.github.natsjetstream.spi.OutgoingObservation;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;

/**
 * A second observer next to {@link MetricsObserver}, loaded from the test class path. It acts only
 * on channels whose name starts with one of these prefixes:
 * <ul>
 *   <li>{@code stamped}: adds the header {@value #CHANNEL_HEADER} with the channel name to every publish;</li>
 *   <li>{@code broken}: throws from {@code received} and {@code publishing};</li>
 *   <li>{@code faulty}: returns observations that throw from every method.</li>
 * </ul>
 */
public final class TestChannelObserver implements ChannelObserver {

    static final String CHANNEL_HEADER = "Observer-Channel";

    private static final IncomingObservation FAULTY_INCOMING = new IncomingObservation() {
        @Override
        public void acked() {
            throw new IllegalStateException("test observer fails in acked on purpose");
        }

        @Override
        public void nacked(Throwable reason) {
            throw new IllegalStateException("test observer fails in nacked on purpose");
        }
    };

    private static final OutgoingObservation FAULTY_OUTGOING = new OutgoingObservation() {
        @Override
        public void published(PublishAck ack) {
            throw new IllegalStateException("test observer fails in published on purpose");
        }

        @Override
        public void failed(Throwable failure) {
            throw new IllegalStateException("test observer fails in failed on purpose");
        }
    };

    @Override
    public IncomingObservation received(String channel, JetStreamIncomingMessage<?> message) {
        if (channel.startsWith("broken")) {
            throw new IllegalStateException("test observer fails in received on purpose");
        }
        return channel.startsWith("faulty") ? FAULTY_INCOMING : IncomingObservation.NONE;
    }

    @Override
    public OutgoingObservation publishing(String channel, String subject, Headers headers, Message<?> message) {
        if (channel.startsWith("broken")) {
            throw new IllegalStateException("test observer fails in publishing on purpose");
        }
        if (channel.startsWith("stamped")) {
            headers.add(CHANNEL_HEADER, channel);
        }
        return channel.startsWith("faulty") ? FAULTY_OUTGOING : OutgoingObservation.NONE;
    }
}
