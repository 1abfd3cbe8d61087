package io.github.natsjetstream.tck.conformance;

import io.github.natsjetstream.tck.app.Delivery;
import io.github.natsjetstream.tck.app.PublishReceipt;
import java.util.List;
import java.util.Map;

/** A running conformance application, driven in process or over HTTP. */
public interface ConformanceApplication extends AutoCloseable {

    /**
     * Publishes the payload with the NATS headers through the application's {@code Emitter} on
     * {@code tck-out} and returns once the connector has acked the message, that is after the
     * JetStream PubAck.
     *
     * @throws PublishFailedException if the connector nacks the message or the request fails
     */
    void publish(String payload, Map<String, List<String>> headers);

    /**
     * Publishes the payload through the {@code Emitter} on {@code tck-out} as a
     * {@code JetStreamOutgoingMessage} with its own subject and {@code Nats-Msg-Id}, and returns the
     * PubAck that the application read from the message it kept, once the connector acked it.
     *
     * @throws PublishFailedException if the connector nacks the message, the application finds no
     *     PubAck, or the request fails
     */
    PublishReceipt publishRouted(String payload, String subject, String messageId);

    /** Returns every delivery the application's {@code @Incoming} methods finished with so far. */
    List<Delivery> deliveries();

    /**
     * Throws if the application has stopped or its runtime reported a deployment error. Some
     * runtimes respond to HTTP requests before they wire the channels and stop the application only when the
     * connector rejects a channel afterwards.
     *
     * @throws io.github.natsjetstream.tck.runtime.ApplicationStartException with the runtime's
     *     error output
     */
    default void checkRunning() {
    }

    /** Stops the application and waits until it has stopped. Calling it again has no effect. */
    @Override
    void close();
}
