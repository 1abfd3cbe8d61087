package io.github.natsjetstream.tck.app;

import io.github.natsjetstream.tck.app.Delivery.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code tck-payloads} as {@code String} payloads, so the runtime acks each message when
 * the method returns and nacks it when the method throws. The method throws on the first
 * delivery of every payload that starts with {@value #FAIL_PREFIX}, and sleeps 20 ms for every
 * payload that starts with {@value #SLOW_PREFIX}.
 */
@ApplicationScoped
public class PayloadConsumer {

    public static final String CHANNEL = "tck-payloads";
    public static final String FAIL_PREFIX = "fail-";
    public static final String SLOW_PREFIX = "slow-";

    @Inject
    DeliveryLog log;

    @Incoming(CHANNEL)
    public void consume(String payload) throws InterruptedException {
        int attempt = log.nextAttempt(CHANNEL, payload);
        if (payload.startsWith(FAIL_PREFIX) && attempt == 1) {
            log.record(Delivery.withoutMetadata(CHANNEL, payload, attempt, Outcome.FAILED));
            throw new IllegalStateException("Simulated processing failure on the first delivery of " + payload);
        }
        if (payload.startsWith(SLOW_PREFIX)) {
            Thread.sleep(20);
        }
        log.record(Delivery.withoutMetadata(CHANNEL, payload, attempt, Outcome.PROCESSED));
    }
}
