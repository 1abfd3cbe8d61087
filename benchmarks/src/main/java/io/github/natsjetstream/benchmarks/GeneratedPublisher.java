package io.github.natsjetstream.benchmarks;

import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Publishes the current trial's messages from an {@code @Outgoing} method on channel
 * {@code bench-out}, as fast as the connector requests them. Generation starts when the trial's
 * start future completes, so Weld's start-up is not measured. Each message's ack counts a PubAck.
 */
@ApplicationScoped
public class GeneratedPublisher {

    @Outgoing("bench-out")
    public Multi<Message<byte[]>> generate() {
        Trial trial = Trial.current();
        byte[] payload = trial.payload();
        return Multi.createFrom().completionStage(trial.start())
                .onItem().transformToMultiAndConcatenate(started -> Multi.createFrom().range(0, trial.messages()))
                .map(index -> Message.of(payload, trial::acked));
    }
}
