package io.github.natsjetstream.benchmarks;

import io.nats.client.api.ConsumerInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A slow consumer on a large backlog: the stream contains {@code --memory-messages} messages of 128 B,
 * the durable allows that many unacknowledged messages, and the {@code @Incoming} method takes 1 ms
 * per message for {@code --memory-seconds}. Every 250 ms the run reads the durable's delivered
 * count from the server; delivered minus handled is the number of messages that reached this JVM
 * but not yet the method, which is what the connector holds. Every 5 s it runs a full GC and reads
 * the used heap.
 */
final class MemoryBenchmark {

    private static final String GROUP = "memory, slow consumer";
    private static final Duration HANDLER_TIME = Duration.ofMillis(1);

    private final BenchContext context;

    MemoryBenchmark(BenchContext context) {
        this.context = context;
    }

    void run() throws Exception {
        Settings settings = context.settings();
        int messages = settings.memoryMessages;
        int batch = settings.batches.stream().mapToInt(Integer::intValue).max().orElse(10);
        String name = context.newName("mem");
        String subject = name + ".data";
        String stream = name.toUpperCase(Locale.ROOT);
        String durable = name + "-durable";
        context.createStream(stream, subject);
        try {
            IncomingBenchmark.prefill(context, stream, subject, OutgoingBenchmark.payload(128), messages);
            context.createDurable(stream, durable, subject, messages);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long baselineHeap = liveHeap(memory);

            Trial trial = Trial.consuming(messages, payload -> LockSupport.parkNanos(HANDLER_TIME.toNanos()));
            Map<String, String> properties = context.applicationProperties();
            properties.put("mp.messaging.incoming.bench-in.connector", "nats-jetstream");
            properties.put("mp.messaging.incoming.bench-in.subject", subject);
            properties.put("mp.messaging.incoming.bench-in.stream", stream);
            properties.put("mp.messaging.incoming.bench-in.durable", durable);
            properties.put("mp.messaging.incoming.bench-in.batch-size", Integer.toString(batch));

            long peakHeld = 0;
            long peakAckPending = 0;
            long peakHeap = 0;
            long handled;
            try (WeldApplication application = WeldApplication.start(name, properties, HandlingConsumer.class)) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.memorySeconds);
                long nextGc = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(5, settings.memorySeconds));
                while (System.nanoTime() < end && trial.completed() < messages) {
                    Thread.sleep(250);
                    ConsumerInfo info = context.consumerInfo(stream, durable);
                    long held = info.getDelivered().getConsumerSequence() - trial.completed();
                    peakHeld = Math.max(peakHeld, held);
                    peakAckPending = Math.max(peakAckPending, info.getNumAckPending());
                    if (System.nanoTime() >= nextGc) {
                        peakHeap = Math.max(peakHeap, liveHeap(memory));
                        nextGc += TimeUnit.SECONDS.toNanos(5);
                    }
                }
                peakHeap = Math.max(peakHeap, liveHeap(memory));
                handled = trial.completed();
            }

            Report report = context.report();
            String setup = String.format(Locale.ROOT, "%,d messages of 128 B in the stream, max-ack-pending %,d, "
                    + "batch-size %d, handler 1 ms per message, %d s", messages, messages, batch,
                    settings.memorySeconds);
            report.add(GROUP, "messages handled", "msgs", List.of((double) handled), setup);
            report.add(GROUP, "peak messages delivered but not yet handled", "msgs", List.of((double) peakHeld),
                    "server's delivered count minus handled, sampled every 250 ms");
            report.add(GROUP, "peak num_ack_pending on the server", "msgs", List.of((double) peakAckPending), "");
            report.add(GROUP, "live heap after full GC, peak increase over baseline", "MiB",
                    List.of((peakHeap - baselineHeap) / 1048576.0),
                    String.format(Locale.ROOT, "baseline %.1f MiB before the container started",
                            baselineHeap / 1048576.0));
        } finally {
            context.deleteStreamQuietly(stream);
        }
    }

    private static long liveHeap(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
