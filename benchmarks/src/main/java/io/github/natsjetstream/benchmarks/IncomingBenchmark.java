package io.github.natsjetstream.benchmarks;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.PullSubscribeOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Consume throughput from a pre-filled stream: the connector with an {@code @Incoming} method that
 * acks after it returns, against a raw jnats pull subscription that fetches batches of the same size
 * and acks each message with {@code ack()}. Each trial reads the whole stream through a new durable
 * with the server's default max-ack-pending, and checks afterwards that the durable's ack floor
 * reached the last message.
 */
final class IncomingBenchmark {

    private static final String CONNECTOR = "connector @Incoming";
    private static final String RAW = "raw fetch + ack()";

    private final BenchContext context;

    IncomingBenchmark(BenchContext context) {
        this.context = context;
    }

    void run() throws Exception {
        Settings settings = context.settings();
        int messages = settings.incomingMessages;
        for (int size : settings.sizes) {
            String name = context.newName("in");
            String subject = name + ".data";
            String stream = name.toUpperCase(Locale.ROOT);
            context.createStream(stream, subject);
            try {
                prefill(context, stream, subject, OutgoingBenchmark.payload(size), messages);
                for (int batch : settings.batches) {
                    Map<String, List<Double>> results = new Alternation()
                            .add(CONNECTOR, warmup -> connector(stream, subject, batch, messages))
                            .add(RAW, warmup -> raw(stream, subject, batch, messages))
                            .run(settings);
                    String group = "incoming " + size + " B, batch " + batch;
                    Report report = context.report();
                    results.forEach((variant, values) -> report.add(group, variant, "msgs/s", values));
                    report.add(group, "ratio connector / raw", "ratio",
                            Summary.ratios(results.get(CONNECTOR), results.get(RAW)));
                }
            } finally {
                context.deleteStreamQuietly(stream);
            }
        }
    }

    /** Publishes {@code messages} copies of the payload with publishAsync and 1024 PubAcks in flight. */
    static void prefill(BenchContext context, String stream, String subject, byte[] payload, int messages)
            throws Exception {
        System.err.println("[bench] filling stream " + stream + " with " + messages + " messages of "
                + payload.length + " B");
        try (Connection connection = context.connect(true)) {
            JetStream jetStream = connection.jetStream();
            PublishOptions options = PublishOptions.builder().expectedStream(stream).build();
            Trial trial = Trial.publishing(payload, messages);
            Semaphore window = new Semaphore(OutgoingBenchmark.MAX_INFLIGHT);
            for (int i = 0; i < messages; i++) {
                if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new TimeoutException("No PubAck for 30 s while filling stream " + stream);
                }
                jetStream.publishAsync(subject, payload, options).whenComplete((ack, error) -> {
                    window.release();
                    if (error != null) {
                        trial.fail(error);
                    } else {
                        trial.countCompleted();
                    }
                });
            }
            trial.awaitDone(60 + messages / 1_000, "filling stream " + stream);
        }
    }

    private double connector(String stream, String subject, int batch, int messages) throws Exception {
        String durable = context.newName("durable");
        context.createDurable(stream, durable, subject, 0);
        try {
            Trial trial = Trial.consuming(messages, payload -> {
            });
            Map<String, String> properties = context.applicationProperties();
            properties.put("mp.messaging.incoming.bench-in.connector", "nats-jetstream");
            properties.put("mp.messaging.incoming.bench-in.subject", subject);
            properties.put("mp.messaging.incoming.bench-in.stream", stream);
            properties.put("mp.messaging.incoming.bench-in.durable", durable);
            properties.put("mp.messaging.incoming.bench-in.batch-size", Integer.toString(batch));
            try (WeldApplication application = WeldApplication.start(durable, properties, HandlingConsumer.class)) {
                trial.awaitDone(60 + messages / 1_000, "connector @Incoming, batch " + batch);
                context.awaitAllAcked(stream, durable, messages, Duration.ofSeconds(30));
            }
            return trial.rateBetweenFirstAndLast();
        } finally {
            context.deleteDurableQuietly(stream, durable);
        }
    }

    private double raw(String stream, String subject, int batch, int messages) throws Exception {
        String durable = context.newName("durable");
        context.createDurable(stream, durable, subject, 0);
        try (Connection connection = context.connect(false)) {
            JetStream jetStream = connection.jetStream();
            JetStreamSubscription subscription = jetStream.subscribe(subject, PullSubscribeOptions.bind(stream, durable));
            Trial trial = Trial.consuming(messages, payload -> {
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + messages / 1_000);
            while (trial.completed() < messages && System.nanoTime() < deadline) {
                List<Message> fetched = subscription.fetch(batch, Duration.ofSeconds(1));
                for (Message message : fetched) {
                    trial.handle(message.getData());
                    message.ack();
                }
            }
            trial.awaitDone(1, "raw fetch + ack(), batch " + batch);
            context.awaitAllAcked(stream, durable, messages, Duration.ofSeconds(30));
            subscription.unsubscribe();
            return trial.rateBetweenFirstAndLast();
        } finally {
            context.deleteDurableQuietly(stream, durable);
        }
    }
}
