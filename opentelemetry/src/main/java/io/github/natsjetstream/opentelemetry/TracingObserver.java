package io.github.natsjetstream.opentelemetry;

import java.lang.System.Logger.Level;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.spi.ChannelObserver;
import io.github.natsjetstream.spi.IncomingObservation;
import io.github.natsjetstream.spi.OutgoingObservation;
import io.nats.client.impl.Headers;

/**
 * Traces every channel with OpenTelemetry: a producer span per publish and a consumer span per
 * delivery, linked through the W3C trace context in the NATS headers. The connector loads it through
 * {@code META-INF/services}. It refers to no OpenTelemetry class itself, so it also loads where the
 * OpenTelemetry API is missing, and then traces nothing.
 */
public final class TracingObserver implements ChannelObserver {

    private static final System.Logger LOG = System.getLogger(TracingObserver.class.getName());
    private static final ChannelObserver OFF = new ChannelObserver() {
    };

    private final ChannelObserver tracing;

    public TracingObserver() {
        if (isPresent("io.opentelemetry.api.OpenTelemetry") && isPresent("io.opentelemetry.context.Context")) {
            tracing = new SpanObserver(new OpenTelemetrySource());
        } else {
            LOG.log(Level.INFO, "NATS JetStream tracing is off: the OpenTelemetry API (io.opentelemetry:"
                    + "opentelemetry-api) is not on the class path");
            tracing = OFF;
        }
    }

    @Override
    public IncomingObservation received(String channel, JetStreamIncomingMessage<?> message) {
        return tracing.received(channel, message);
    }

    @Override
    public OutgoingObservation publishing(String channel, String subject, Headers headers, Message<?> message) {
        return tracing.publishing(channel, subject, headers, message);
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, TracingObserver.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
