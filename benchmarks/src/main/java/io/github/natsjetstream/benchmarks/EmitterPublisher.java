package io.github.natsjetstream.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes through an {@link Emitter} on channel {@code bench-out}. The callers bound the sends
 * awaiting a PubAck themselves; the buffer only absorbs the sends that race with the connector's
 * next request.
 */
@ApplicationScoped
public class EmitterPublisher {

    @Inject
    @Channel("bench-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
    Emitter<byte[]> emitter;

    /** Sends the payload; the stage completes after the PubAck. */
    public CompletionStage<Void> send(byte[] payload) {
        return emitter.send(payload);
    }
}
