package io.github.natsjetstream.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes channel {@code bench-in} and passes each payload to the current trial's handler. The
 * method returns {@code void}, so SmallRye acks each message after the method returns.
 */
@ApplicationScoped
public class HandlingConsumer {

    @Incoming("bench-in")
    public void consume(byte[] payload) {
        Trial.current().handle(payload);
    }
}
