package io.github.natsjetstream.benchmarks.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends {@code bench.messages} payloads of {@code bench.size} bytes through an {@link Emitter} on
 * channel {@code bench-out}, with at most {@code bench.window} sends awaiting their ack, and times
 * the first send to the last ack. An untimed pass of {@code bench.warmup-messages} sends runs first,
 * in the same way, so that the timed pass runs on warm JIT code.
 */
@ApplicationScoped
public class OutgoingWorkload {

    @Inject
    @Channel("bench-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
    Emitter<byte[]> emitter;

    @ConfigProperty(name = "bench.messages")
    int messages;

    @ConfigProperty(name = "bench.warmup-messages", defaultValue = "0")
    int warmupMessages;

    @ConfigProperty(name = "bench.size")
    int size;

    @ConfigProperty(name = "bench.window", defaultValue = "1024")
    int window;

    @ConfigProperty(name = "bench.timeout-seconds", defaultValue = "120")
    long timeoutSeconds;

    WorkloadResult run() throws Exception {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        sendAll(payload, warmupMessages);

        long started = System.nanoTime();
        sendAll(payload, messages);
        long elapsed = System.nanoTime() - started;
        return new WorkloadResult("outgoing", messages, warmupMessages, messages, elapsed,
                Thread.currentThread().getName(), (long) messages + warmupMessages, 0);
    }

    /** Sends {@code count} copies of the payload and waits until every send is acked. */
    private void sendAll(byte[] payload, int count) throws Exception {
        Semaphore inFlight = new Semaphore(window);
        CountDownLatch completed = new CountDownLatch(count);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < count && failure.get() == null; i++) {
            if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new TimeoutException("Timed out after 30 s waiting for an ack, after " + i + " of " + count
                        + " sends");
            }
            emitter.send(payload).whenComplete((ignored, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                inFlight.release();
                completed.countDown();
            });
        }
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("A send was nacked: " + error, error);
        }
        if (!completed.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new TimeoutException(completed.getCount() + " of " + count + " sends were not acked within "
                    + timeoutSeconds + " s");
        }
        error = failure.get();
        if (error != null) {
            throw new IllegalStateException("A send was nacked: " + error, error);
        }
    }
}
