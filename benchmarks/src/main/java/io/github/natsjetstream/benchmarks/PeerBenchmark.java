package io.github.natsjetstream.benchmarks;

import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison of this connector with the Quarkiverse connector {@code quarkus-jetstream} on
 * Quarkus. The applications {@code benchmarks/quarkus-ours} and {@code benchmarks/quarkus-peer} run
 * the same workload (module {@code benchmarks/quarkus-workload}), each trial in a new JVM, with the
 * variants alternating per repetition. Outgoing sends through an {@code Emitter<byte[]>} with up to
 * 1024 sends awaiting their ack. Incoming reads a pre-filled stream through a durable pull consumer
 * with explicit acks and the same batch size. Each JVM first runs a quarter of the messages untimed
 * (none with --no-warmup), so the timed part runs on warm JIT code and excludes start-up.
 */
final class PeerBenchmark {

    // Both applications' application.properties use these names.
    private static final String OUT_STREAM = "QBENCH_OUT";
    private static final String OUT_SUBJECT = "qbench-out.data";
    private static final String IN_STREAM = "QBENCH_IN";
    private static final String IN_SUBJECT = "qbench-in.data";
    private static final String DURABLE = "qbench-in";

    private static final int STREAM_NOT_FOUND = 10059;
    private static final int CONSUMER_NOT_FOUND = 10014;

    private static final String OURS_OUT = "ours (nats-jetstream) Emitter, max-inflight 1024";
    private static final String OURS_OUT_ONE = "ours (nats-jetstream) Emitter, max-inflight 1";
    private static final String PEER_OUT = "peer (quarkus-jetstream) Emitter";
    private static final String OURS_IN = "ours (nats-jetstream) @Incoming";
    private static final String PEER_IN = "peer (quarkus-jetstream) @Incoming";

    private final BenchContext context;
    private final Settings settings;
    private final QuarkusApp ours = QuarkusApp.of("quarkus-ours");
    private final QuarkusApp peer = QuarkusApp.of("quarkus-peer");

    PeerBenchmark(BenchContext context) {
        this.context = context;
        this.settings = context.settings();
    }

    void run() throws Exception {
        if (!ours.isBuilt() || !peer.isBuilt()) {
            String reason = "the Quarkus applications are not built (" + ours.runJar() + ", " + peer.runJar()
                    + "); build them with 'mvn -B -Pbenchmarks -pl benchmarks -am -DskipTests verify'";
            if (settings.smoke) {
                context.report().note("Group peer skipped: " + reason);
                return;
            }
            throw new IllegalStateException(reason);
        }
        deleteOldLogs();
        context.report().note(versions());
        context.report().note("peer group: differences that the configuration cannot align: the peer publishes "
                + "synchronously (one PubAck awaited at a time) and adds a Nats-Msg-Id and a message.type header "
                + "to each message; it acks incoming messages with ackSync (waiting for the server's reply) and "
                + "decodes each payload with Jackson (the stream holds JSON strings), while ours delivers the "
                + "bytes and acks without waiting");
        for (int size : settings.sizes) {
            if (size < 2) {
                throw new IllegalArgumentException("The peer group needs payloads of at least 2 bytes (a JSON "
                        + "string), got --sizes " + size);
            }
        }
        try {
            for (int size : settings.sizes) {
                outgoing(size);
                incoming(size);
            }
        } finally {
            deleteStreamQuietly(OUT_STREAM);
            deleteStreamQuietly(IN_STREAM);
        }
    }

    private String versions() {
        return "peer group: ours runs Quarkus " + ours.libraryVersion("io.quarkus.quarkus-core")
                + " with nats-jetstream-connector "
                + ours.libraryVersion("io.github.natsjetstream.nats-jetstream-connector") + " on jnats "
                + ours.libraryVersion("io.nats.jnats") + "; peer runs Quarkus "
                + peer.libraryVersion("io.quarkus.quarkus-core") + " with quarkus-messaging-nats-jetstream "
                + peer.libraryVersion("io.quarkiverse.reactivemessaging.nats-jetstream.quarkus-messaging-nats-jetstream")
                + " on jnats " + peer.libraryVersion("io.nats.jnats") + "; " + settings.peerMessages
                + " timed messages per trial, one JVM per trial with " + String.join(" ", settings.appJvmOptions);
    }

    private void outgoing(int size) throws Exception {
        // The incoming channel of both applications reads an empty stream during outgoing trials.
        recreateStream(IN_STREAM, IN_SUBJECT);
        recreateDurable();
        Map<String, List<Double>> results = new Alternation()
                .add(OURS_OUT, warmup -> outgoingTrial(ours, size, Map.of()))
                .add(OURS_OUT_ONE, warmup -> outgoingTrial(ours, size,
                        Map.of("mp.messaging.outgoing.bench-out.max-inflight", "1")))
                .add(PEER_OUT, warmup -> outgoingTrial(peer, size, Map.of()))
                .run(settings.reps, false);

        String group = "peer outgoing " + size + " B";
        Report report = context.report();
        results.forEach((name, values) -> report.add(group, name, "msgs/s", values));
        report.add(group, "ratio ours / peer", "ratio", Summary.ratios(results.get(OURS_OUT), results.get(PEER_OUT)));
        report.add(group, "ratio ours max-inflight 1 / peer", "ratio",
                Summary.ratios(results.get(OURS_OUT_ONE), results.get(PEER_OUT)));
    }

    private void incoming(int size) throws Exception {
        recreateStream(OUT_STREAM, OUT_SUBJECT);
        recreateStream(IN_STREAM, IN_SUBJECT);
        IncomingBenchmark.prefill(context, IN_STREAM, IN_SUBJECT, jsonString(size), totalMessages());
        Map<String, List<Double>> results = new Alternation()
                .add(OURS_IN, warmup -> incomingTrial(ours, size))
                .add(PEER_IN, warmup -> incomingTrial(peer, size))
                .run(settings.reps, false);

        String group = "peer incoming " + size + " B, batch " + settings.peerBatch;
        Report report = context.report();
        results.forEach((name, values) -> report.add(group, name, "msgs/s", values));
        report.add(group, "ratio ours / peer", "ratio", Summary.ratios(results.get(OURS_IN), results.get(PEER_IN)));
    }

    private double outgoingTrial(QuarkusApp app, int size, Map<String, String> extra) throws Exception {
        recreateStream(OUT_STREAM, OUT_SUBJECT);
        Map<String, String> properties = workload("outgoing", size);
        properties.putAll(extra);
        Map<String, String> result = AppTrial.run(app, settings.appJvmOptions, properties,
                logFile(app, "outgoing"), processTimeoutSeconds());
        long stored = context.streamMessages(OUT_STREAM);
        if (stored != totalMessages()) {
            throw new IllegalStateException(app.module() + ": stream " + OUT_STREAM + " stored " + stored
                    + " messages, expected " + totalMessages());
        }
        return Double.parseDouble(result.get("rate"));
    }

    private double incomingTrial(QuarkusApp app, int size) throws Exception {
        recreateDurable();
        Path log = logFile(app, "incoming");
        Map<String, String> result = AppTrial.run(app, settings.appJvmOptions, workload("incoming", size), log,
                processTimeoutSeconds());
        context.awaitAllAcked(IN_STREAM, DURABLE, totalMessages(), Duration.ofSeconds(30));
        noteStall(app, size, result, log);
        return Double.parseDouble(result.get("rate"));
    }

    /**
     * Adds a note when the consumer paused for a second or more between two messages, or when the
     * server delivered a message more than once. Either stretches the trial: a message that is not
     * acked comes back after the durable's ack wait, the server's default of 30 s.
     */
    private void noteStall(QuarkusApp app, int size, Map<String, String> result, Path log)
            throws IOException, JetStreamApiException {
        long maxGapMillis = Long.parseLong(result.getOrDefault("max-gap-ms", "0"));
        long handled = Long.parseLong(result.getOrDefault("handled", "0"));
        long deliveries = context.consumerInfo(IN_STREAM, DURABLE).getDelivered().getConsumerSequence();
        if (maxGapMillis >= 1_000 || deliveries > totalMessages()) {
            context.report().note(String.format(Locale.ROOT, "peer group: %s incoming trial at %d B paused %,d ms "
                    + "between two messages; the server made %,d deliveries and the method handled %,d messages "
                    + "for %,d in the stream (log %s)", app.module(), size, maxGapMillis, deliveries, handled,
                    totalMessages(), log.getFileName()));
        }
    }

    /** Returns the system properties that both applications read (see BenchmarkCommand in the workload module). */
    private Map<String, String> workload(String direction, int size) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("bench.servers", context.url());
        properties.put("bench.direction", direction);
        properties.put("bench.messages", Integer.toString(settings.peerMessages));
        properties.put("bench.warmup-messages", Integer.toString(warmupMessages()));
        properties.put("bench.size", Integer.toString(size));
        properties.put("bench.window", Integer.toString(OutgoingBenchmark.MAX_INFLIGHT));
        properties.put("bench.batch-size", Integer.toString(settings.peerBatch));
        properties.put("bench.timeout-seconds", Long.toString(workloadTimeoutSeconds()));
        return properties;
    }

    private int warmupMessages() {
        return settings.warmup ? settings.peerMessages / 4 : 0;
    }

    private int totalMessages() {
        return settings.peerMessages + warmupMessages();
    }

    private long workloadTimeoutSeconds() {
        return 60 + totalMessages() / 1_000;
    }

    /** Returns the workload's own time limit plus time for start-up and shutdown, in seconds. */
    private long processTimeoutSeconds() {
        return workloadTimeoutSeconds() + 60;
    }

    private Path logFile(QuarkusApp app, String direction) {
        return logDirectory().resolve(context.newName("trial") + "-" + app.module() + "-" + direction + ".log");
    }

    private static Path logDirectory() {
        return Path.of(System.getProperty("bench.basedir", ".")).resolve("target").resolve("peer-logs");
    }

    /** Deletes the logs of earlier runs, whose trial numbers the new logs would reuse. */
    private static void deleteOldLogs() throws IOException {
        if (!Files.isDirectory(logDirectory())) {
            return;
        }
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(logDirectory(), "*.log")) {
            for (Path log : logs) {
                Files.delete(log);
            }
        }
    }

    /** Returns a JSON string of {@code size} bytes, {@code "xx...x"}, which the peer decodes to a String. */
    private static byte[] jsonString(int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        payload[0] = '"';
        payload[size - 1] = '"';
        return payload;
    }

    private void recreateStream(String stream, String subject) throws IOException, JetStreamApiException {
        deleteStreamIfPresent(stream);
        context.createStream(stream, subject);
    }

    private void deleteStreamIfPresent(String stream) throws IOException, JetStreamApiException {
        try {
            context.management().deleteStream(stream);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
        }
    }

    private void deleteStreamQuietly(String stream) {
        try {
            deleteStreamIfPresent(stream);
        } catch (IOException | JetStreamApiException e) {
            context.report().note("Failed to delete stream " + stream + ": " + e);
        }
    }

    /** Creates the durable anew, so that each incoming trial reads the stream from the start. */
    private void recreateDurable() throws IOException, JetStreamApiException {
        try {
            context.management().deleteConsumer(IN_STREAM, DURABLE);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != CONSUMER_NOT_FOUND) {
                throw e;
            }
        }
        context.createDurable(IN_STREAM, DURABLE, IN_SUBJECT, 0);
    }
}
