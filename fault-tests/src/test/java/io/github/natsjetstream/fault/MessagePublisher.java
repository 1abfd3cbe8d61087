package io.github.natsjetstream.fault;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes the scenario's messages through the outgoing channel {@value #CHANNEL}. */
@ApplicationScoped
public class MessagePublisher {

    static final String CHANNEL = "fault-out";

    /**
     * The publish loop keeps at most {@link PublishLoop#MAX_OUTSTANDING} sends open, so this
     * buffer never overflows.
     */
    @Inject
    @Channel(CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
    Emitter<String> emitter;

    /** Sends the body. The stage completes when the connector acks the message, after the PubAck. */
    public CompletionStage<Void> send(String body) {
        return emitter.send(body);
    }
}
