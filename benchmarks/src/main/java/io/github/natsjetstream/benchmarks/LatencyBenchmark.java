package io.github.natsjetstream.benchmarks;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.PullSubscribeOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * Publish-to-handler latency at fixed rates, and the highest sustained rate. The connector variant
 * runs one application with an Emitter and an {@code @Incoming} method on the same subject. The raw
 * variant publishes with publishAsync and consumes on one connection with
 * {@code JetStreamSubscription.iterate}, which hands over each message as it arrives, like the
 * connector's pull loop. Both consumers pull batches of {@code --e2e-batch} messages and allow 1024
 * publishes awaiting a PubAck. Each 128 B payload starts with its due time from {@link Pacer}, and the
 * handler records {@code System.nanoTime()} minus that time. The first fifth of each trial is
 * warm-up and left out of the percentiles.
 */
final class LatencyBenchmark {

    private static final String CONNECTOR = "connector Emitter -> @Incoming";
    private static final String RAW = "raw publishAsync -> iterate + ack()";
    private static final int PAYLOAD_SIZE = 128;
    /** Rates tried, in order, by the search for the highest sustained rate. */
    private static final int[] SEARCH_RATES = {1_000, 2_000, 5_000, 7_500, 10_000, 15_000, 20_000, 30_000, 40_000,
            60_000, 80_000, 100_000, 150_000};
    private static final int SEARCH_SECONDS = 3;
    /**
     * A rate is sustained when every message arrives and the median latency stays below this. A
     * consumer that falls behind has a latency that grows through the trial, so its median reaches
     * hundreds of ms, while scheduling noise on a busy machine moves p99 but not the median.
     */
    private static final double SUSTAINED_P50_MS = 50;

    /** Latency percentiles in ms of one trial, and whether every message arrived in time. */
    record Result(double p50, double p99, double p999, boolean complete) {
    }

    @FunctionalInterface
    private interface Variant {
        Result run(int rate, int seconds) throws Exception;
    }

    private final BenchContext context;

    LatencyBenchmark(BenchContext context) {
        this.context = context;
    }

    void run() throws Exception {
        Settings settings = context.settings();
        Report report = context.report();
        for (int rate : settings.e2eRates) {
            List<Result> connectorResults = new ArrayList<>();
            List<Result> rawResults = new ArrayList<>();
            new Alternation()
                    .add(CONNECTOR, warmup -> record(connectorResults, warmup, connector(rate, settings.e2eSeconds)))
                    .add(RAW, warmup -> record(rawResults, warmup, raw(rate, settings.e2eSeconds)))
                    .run(settings);
            String group = "e2e 128 B at " + rate + " msgs/s, batch " + settings.e2eBatch;
            addPercentiles(report, group, CONNECTOR, connectorResults);
            addPercentiles(report, group, RAW, rawResults);
            report.add(group, "p99 difference connector - raw", "ms",
                    Summary.differences(values(connectorResults, Result::p99), values(rawResults, Result::p99)));
        }
        if (!settings.smoke) {
            searchSustainedRate(report, settings);
        }
    }

    private double record(List<Result> results, boolean warmup, Result result) {
        if (!warmup) {
            results.add(result);
        }
        if (!result.complete()) {
            context.report().note("A latency trial ended with messages missing 10 s after the last send; its "
                    + "percentiles cover only the messages received");
        }
        return result.p99();
    }

    private static void addPercentiles(Report report, String group, String variant, List<Result> results) {
        report.add(group, variant + " p50", "ms", values(results, Result::p50));
        report.add(group, variant + " p99", "ms", values(results, Result::p99));
        report.add(group, variant + " p99.9", "ms", values(results, Result::p999));
    }

    private static List<Double> values(List<Result> results, ToDoubleFunction<Result> field) {
        return results.stream().map(result -> field.applyAsDouble(result)).toList();
    }

    /**
     * Raises the rate through {@link #SEARCH_RATES} with one trial per rate and variant, in
     * alternating order, until a variant misses the criterion; its last passing rate is reported.
     */
    private void searchSustainedRate(Report report, Settings settings) throws Exception {
        Map<String, Variant> variants = Map.of(CONNECTOR, this::connector, RAW, this::raw);
        List<String> order = new ArrayList<>(List.of(CONNECTOR, RAW));
        Map<String, Integer> sustained = new HashMap<>(Map.of(CONNECTOR, 0, RAW, 0));
        List<String> searching = new ArrayList<>(order);
        for (int step = 0; step < SEARCH_RATES.length && !searching.isEmpty(); step++) {
            int rate = SEARCH_RATES[step];
            for (String variant : List.copyOf(searching)) {
                Result result;
                try {
                    result = variants.get(variant).run(rate, SEARCH_SECONDS);
                } catch (TimeoutException e) {
                    result = new Result(Double.NaN, Double.NaN, Double.NaN, false);
                }
                System.err.printf(Locale.ROOT, "[bench] sustained-rate search: %s at %d msgs/s: p50 %.2f ms, "
                        + "p99 %.2f ms, %s%n", variant, rate, result.p50(), result.p99(),
                        result.complete() ? "complete" : "incomplete");
                if (result.complete() && result.p50() < SUSTAINED_P50_MS) {
                    sustained.put(variant, rate);
                } else {
                    searching.remove(variant);
                }
            }
            Collections.reverse(searching);
        }
        String group = "e2e highest sustained rate";
        String note = "one pass over " + Arrays.toString(SEARCH_RATES) + " msgs/s, " + SEARCH_SECONDS
                + " s each; sustained = all messages received and p50 < " + (int) SUSTAINED_P50_MS + " ms; "
                + "0 = not sustained at the lowest rate";
        report.add(group, CONNECTOR, "msgs/s", List.of((double) sustained.get(CONNECTOR)), note);
        report.add(group, RAW, "msgs/s", List.of((double) sustained.get(RAW)), note);
    }

    private Result connector(int rate, int seconds) throws Exception {
        String name = context.newName("e2e");
        String subject = name + ".data";
        String stream = name.toUpperCase(Locale.ROOT);
        String durable = name + "-durable";
        int messages = rate * seconds;
        context.createStream(stream, subject);
        try {
            context.createDurable(stream, durable, subject, 0);
            long[] latencies = new long[messages];
            AtomicInteger received = new AtomicInteger();
            Trial trial = Trial.consuming(messages,
                    payload -> latencies[received.getAndIncrement()] = System.nanoTime() - dueTime(payload));

            Map<String, String> properties = context.applicationProperties();
            properties.put("mp.messaging.outgoing.bench-out.connector", "nats-jetstream");
            properties.put("mp.messaging.outgoing.bench-out.subject", subject);
            properties.put("mp.messaging.outgoing.bench-out.stream", stream);
            properties.put("mp.messaging.incoming.bench-in.connector", "nats-jetstream");
            properties.put("mp.messaging.incoming.bench-in.subject", subject);
            properties.put("mp.messaging.incoming.bench-in.stream", stream);
            properties.put("mp.messaging.incoming.bench-in.durable", durable);
            properties.put("mp.messaging.incoming.bench-in.batch-size", Integer.toString(context.settings().e2eBatch));
            try (WeldApplication application = WeldApplication.start(name, properties, EmitterPublisher.class,
                    HandlingConsumer.class)) {
                EmitterPublisher publisher = application.bean(EmitterPublisher.class);
                Semaphore window = new Semaphore(OutgoingBenchmark.MAX_INFLIGHT);
                Pacer.run(rate, messages, (index, due) -> {
                    acquire(window);
                    publisher.send(payload(due)).whenComplete((ignored, error) -> {
                        window.release();
                        if (error != null) {
                            trial.fail(error);
                        }
                    });
                });
                boolean complete = awaitReceived(trial);
                return percentiles(latencies, received.get(), messages, complete);
            }
        } finally {
            context.deleteStreamQuietly(stream);
        }
    }

    private Result raw(int rate, int seconds) throws Exception {
        String name = context.newName("e2e");
        String subject = name + ".data";
        String stream = name.toUpperCase(Locale.ROOT);
        String durable = name + "-durable";
        int messages = rate * seconds;
        int batch = context.settings().e2eBatch;
        context.createStream(stream, subject);
        try (Connection connection = context.connect(false)) {
            context.createDurable(stream, durable, subject, 0);
            JetStream jetStream = connection.jetStream();
            JetStreamSubscription subscription = jetStream.subscribe(subject, PullSubscribeOptions.bind(stream, durable));
            long[] latencies = new long[messages];
            AtomicInteger received = new AtomicInteger();
            Trial trial = Trial.consuming(messages,
                    payload -> latencies[received.getAndIncrement()] = System.nanoTime() - dueTime(payload));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30L);
            Thread consumer = new Thread(() -> consume(subscription, trial, batch, deadline), "bench-raw-consumer");
            consumer.setDaemon(true);
            consumer.start();

            PublishOptions options = PublishOptions.builder().expectedStream(stream).build();
            Semaphore window = new Semaphore(OutgoingBenchmark.MAX_INFLIGHT);
            Pacer.run(rate, messages, (index, due) -> {
                acquire(window);
                jetStream.publishAsync(subject, payload(due), options).whenComplete((ack, error) -> {
                    window.release();
                    if (error != null) {
                        trial.fail(error);
                    }
                });
            });
            boolean complete = awaitReceived(trial);
            consumer.join(TimeUnit.SECONDS.toMillis(10));
            return percentiles(latencies, received.get(), messages, complete);
        } finally {
            context.deleteStreamQuietly(stream);
        }
    }

    private static void consume(JetStreamSubscription subscription, Trial trial, int batch, long deadline) {
        try {
            while (trial.completed() < trial.messages() && System.nanoTime() < deadline) {
                Iterator<Message> messages = subscription.iterate(batch, Duration.ofSeconds(5));
                while (trial.completed() < trial.messages() && messages.hasNext()) {
                    Message message = messages.next();
                    trial.handle(message.getData());
                    message.ack();
                }
            }
        } catch (RuntimeException e) {
            trial.fail(e);
        }
    }

    /** Waits up to 10 s after the last send for the rest of the messages; false when some are missing. */
    private static boolean awaitReceived(Trial trial) throws InterruptedException {
        try {
            trial.awaitDone(10, "latency trial");
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    private static Result percentiles(long[] latencies, int received, int messages, boolean complete) {
        int skipped = Math.min(received, messages / 5);
        long[] measured = Arrays.copyOfRange(latencies, skipped, received);
        Arrays.sort(measured);
        return new Result(
                millis(Summary.quantile(measured, measured.length, 0.50)),
                millis(Summary.quantile(measured, measured.length, 0.99)),
                millis(Summary.quantile(measured, measured.length, 0.999)),
                complete);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static byte[] payload(long dueNanos) {
        byte[] payload = new byte[PAYLOAD_SIZE];
        ByteBuffer.wrap(payload).putLong(0, dueNanos);
        return payload;
    }

    private static long dueTime(byte[] payload) {
        return ByteBuffer.wrap(payload).getLong(0);
    }

    private static void acquire(Semaphore window) throws InterruptedException, TimeoutException {
        if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new TimeoutException("No PubAck arrived for 30 s during a latency trial");
        }
    }
}
