package io.github.natsjetstream.benchmarks;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publish throughput: the connector through an Emitter and through an {@code @Outgoing} method,
 * against raw jnats publishAsync with the same number of PubAcks in flight, and the connector with
 * {@code max-inflight=1} against raw synchronous publish. Each trial publishes to a new file-storage
 * stream and checks that the stream stored every message.
 */
final class OutgoingBenchmark {

    static final int MAX_INFLIGHT = 1024;

    private static final String EMITTER = "connector Emitter, max-inflight 1024";
    private static final String METHOD = "connector @Outgoing method, max-inflight 1024";
    private static final String RAW_ASYNC = "raw publishAsync, 1024 in flight";
    private static final String RAW_ASYNC_NO_FLUSH = "raw publishAsync, 1024 in flight, dontForceFlushOnRequest";
    private static final String METHOD_ONE = "connector @Outgoing method, max-inflight 1";
    private static final String RAW_SYNC = "raw synchronous publish";

    private final BenchContext context;

    OutgoingBenchmark(BenchContext context) {
        this.context = context;
    }

    void run() throws Exception {
        Settings settings = context.settings();
        for (int size : settings.sizes) {
            byte[] payload = payload(size);
            int messages = settings.outgoingMessages;
            int syncMessages = settings.syncMessages;
            Map<String, List<Double>> results = new Alternation()
                    .add(EMITTER, warmup -> connectorEmitter(payload, count(messages, warmup)))
                    .add(METHOD, warmup -> connectorMethod(payload, count(messages, warmup), MAX_INFLIGHT))
                    .add(RAW_ASYNC, warmup -> rawAsync(payload, count(messages, warmup), false))
                    .add(RAW_ASYNC_NO_FLUSH, warmup -> rawAsync(payload, count(messages, warmup), true))
                    .add(METHOD_ONE, warmup -> connectorMethod(payload, count(syncMessages, warmup), 1))
                    .add(RAW_SYNC, warmup -> rawSync(payload, count(syncMessages, warmup)))
                    .run(settings);

            String group = "outgoing " + size + " B";
            Report report = context.report();
            results.forEach((name, values) -> report.add(group, name, "msgs/s", values));
            report.add(group, "ratio Emitter / raw publishAsync", "ratio",
                    Summary.ratios(results.get(EMITTER), results.get(RAW_ASYNC)));
            report.add(group, "ratio @Outgoing / raw publishAsync", "ratio",
                    Summary.ratios(results.get(METHOD), results.get(RAW_ASYNC)));
            report.add(group, "ratio Emitter / raw publishAsync dontForceFlushOnRequest", "ratio",
                    Summary.ratios(results.get(EMITTER), results.get(RAW_ASYNC_NO_FLUSH)));
            report.add(group, "ratio max-inflight 1 / raw synchronous publish", "ratio",
                    Summary.ratios(results.get(METHOD_ONE), results.get(RAW_SYNC)));
        }
    }

    static byte[] payload(int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        return payload;
    }

    private static int count(int messages, boolean warmup) {
        return warmup ? Math.max(100, messages / 4) : messages;
    }

    private static long timeoutSeconds(int messages) {
        return 60 + messages / 1_000;
    }

    private double connectorEmitter(byte[] payload, int messages) throws Exception {
        String name = context.newName("out");
        String subject = name + ".data";
        String stream = name.toUpperCase(Locale.ROOT);
        context.createStream(stream, subject);
        try {
            Trial trial = Trial.publishing(payload, messages);
            try (WeldApplication application = WeldApplication.start(name,
                    outgoingProperties(subject, stream, MAX_INFLIGHT), EmitterPublisher.class)) {
                EmitterPublisher publisher = application.bean(EmitterPublisher.class);
                Semaphore window = new Semaphore(MAX_INFLIGHT);
                long started = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    acquire(window, trial);
                    publisher.send(payload).whenComplete((ignored, error) -> {
                        window.release();
                        if (error != null) {
                            trial.fail(error);
                        } else {
                            trial.countCompleted();
                        }
                    });
                }
                trial.awaitDone(timeoutSeconds(messages), EMITTER);
                long elapsed = System.nanoTime() - started;
                checkStored(stream, messages);
                return messages * 1e9 / elapsed;
            }
        } finally {
            context.deleteStreamQuietly(stream);
        }
    }

    private double connectorMethod(byte[] payload, int messages, int maxInflight) throws Exception {
        String name = context.newName("out");
        String subject = name + ".data";
        String stream = name.toUpperCase(Locale.ROOT);
        context.createStream(stream, subject);
        try {
            Trial trial = Trial.publishing(payload, messages);
            try (WeldApplication application = WeldApplication.start(name,
                    outgoingProperties(subject, stream, maxInflight), GeneratedPublisher.class)) {
                long started = System.nanoTime();
                trial.start().complete(Boolean.TRUE);
                trial.awaitDone(timeoutSeconds(messages), "@Outgoing method with max-inflight " + maxInflight);
                long elapsed = System.nanoTime() - started;
                checkStored(stream, messages);
                return messages * 1e9 / elapsed;
            }
        } finally {
            context.deleteStreamQuietly(stream);
        }
    }

    private double rawAsync(byte[] payload, int messages, boolean dontForceFlush) throws Exception {
        String name = context.newName("out");
        String subject = name + ".data";
        String stream = name.toUpperCase(Locale.ROOT);
        context.createStream(stream, subject);
        try (Connection connection = context.connect(dontForceFlush)) {
            JetStream jetStream = connection.jetStream();
            PublishOptions options = PublishOptions.builder().expectedStream(stream).build();
            Trial trial = Trial.publishing(payload, messages);
            Semaphore window = new Semaphore(MAX_INFLIGHT);
            long started = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                acquire(window, trial);
                jetStream.publishAsync(subject, payload, options).whenComplete((ack, error) -> {
                    window.release();
                    if (error != null) {
                        trial.fail(error);
                    } else {
                        trial.countCompleted();
                    }
                });
            }
            trial.awaitDone(timeoutSeconds(messages), "raw publishAsync");
            long elapsed = System.nanoTime() - started;
            checkStored(stream, messages);
            return messages * 1e9 / elapsed;
        } finally {
            context.deleteStreamQuietly(stream);
        }
    }

    private double rawSync(byte[] payload, int messages) throws Exception {
        String name = context.newName("out");
        String subject = name + ".data";
        String stream = name.toUpperCase(Locale.ROOT);
        context.createStream(stream, subject);
        try (Connection connection = context.connect(false)) {
            JetStream jetStream = connection.jetStream();
            PublishOptions options = PublishOptions.builder().expectedStream(stream).build();
            long started = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                jetStream.publish(subject, payload, options);
            }
            long elapsed = System.nanoTime() - started;
            checkStored(stream, messages);
            return messages * 1e9 / elapsed;
        } finally {
            context.deleteStreamQuietly(stream);
        }
    }

    private Map<String, String> outgoingProperties(String subject, String stream, int maxInflight) {
        Map<String, String> properties = context.applicationProperties();
        properties.put("mp.messaging.outgoing.bench-out.connector", "nats-jetstream");
        properties.put("mp.messaging.outgoing.bench-out.subject", subject);
        properties.put("mp.messaging.outgoing.bench-out.stream", stream);
        properties.put("mp.messaging.outgoing.bench-out.max-inflight", Integer.toString(maxInflight));
        return properties;
    }

    private static void acquire(Semaphore window, Trial trial) throws InterruptedException, TimeoutException {
        if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new TimeoutException("No PubAck arrived for 30 s; " + trial.completed() + " of "
                    + trial.messages() + " messages were acknowledged");
        }
    }

    private void checkStored(String stream, int messages) throws Exception {
        long stored = context.streamMessages(stream);
        if (stored != messages) {
            throw new IllegalStateException("Stream " + stream + " stored " + stored + " messages, expected "
                    + messages);
        }
    }
}
