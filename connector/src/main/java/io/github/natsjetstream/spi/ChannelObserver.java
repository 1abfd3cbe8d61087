package io.github.natsjetstream.spi;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.nats.client.impl.Headers;

/**
 * Watches the messages of every channel, for metrics or tracing. Implementations are found with
 * {@link Extensions}: list the class in
 * {@code META-INF/services/io.github.natsjetstream.spi.ChannelObserver}. With none on the class path,
 * the connector skips every call and allocates nothing for them.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Methods are called on the connector's threads and on the runtime's threads, concurrently and
 *       for many channels at once. They must be thread-safe, fast, and must not block.</li>
 *   <li>An exception thrown by an observer, or by an observation it returned, is caught. The
 *       connector logs at most one such exception per 10 seconds and processes the message as if
 *       that observer did not exist.</li>
 *   <li>Returning {@link IncomingObservation#NONE} or {@link OutgoingObservation#NONE} (also the
 *       defaults) means the observer does not follow that message.</li>
 * </ul>
 */
public interface ChannelObserver {

    /**
     * Called when an incoming channel hands a message to the application, on the thread that hands
     * it over and before the application receives it. Each delivery is a new call, so a redelivered
     * message has {@link JetStreamIncomingMessage#getDeliveredCount()} greater than 1. Messages that
     * the connector pulled but never handed over (it naks them at shutdown) are not reported.
     *
     * @param channel the channel name
     * @param message the message as the application receives it, after every
     *                {@code IncomingMessageDecorator}
     * @return the observation whose {@code acked} or {@code nacked} the connector calls once when the
     *         application settles the message
     */
    default IncomingObservation received(String channel, JetStreamIncomingMessage<?> message) {
        return IncomingObservation.NONE;
    }

    /**
     * Called when an outgoing channel is about to send a message, on the thread that passed it to the
     * channel. The connector has converted the payload and checked the message by then. A message that
     * fails those checks (unsupported payload type, invalid {@code Nats-Expected-*} header, a
     * subject outside the channel's stream) is nacked without being reported.
     *
     * @param channel the channel name
     * @param subject the subject the message is published to: the message's own or the channel's
     * @param headers the NATS headers to publish, never {@code null} while an observer is loaded; an
     *                observer may add headers here, for example {@code traceparent}, and they are
     *                published with the message
     * @param message the application's message
     * @return the observation whose {@code published} or {@code failed} the connector calls once when
     *         the publish completes
     */
    default OutgoingObservation publishing(String channel, String subject, Headers headers, Message<?> message) {
        return OutgoingObservation.NONE;
    }
}
