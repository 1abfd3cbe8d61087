package io.github.natsjetstream.fault;

import io.github.natsjetstream.fault.FaultScenario.Topology;
import io.github.natsjetstream.testing.NatsCluster;
import io.github.natsjetstream.testing.NatsServerProcess;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Runs one {@link FaultScenario}: starts its servers, the consumer and the publisher, publishes
 * while the fault happens, waits until every acked publish is acked by the consumer, and reads the
 * stream back with jnats.
 */
final class ScenarioRunner {

    static final String STREAM = "FAULT";
    static final String SUBJECT = "fault.orders";
    static final String DURABLE = "fault-consumer";
    static final String DEAD_LETTER_STREAM = "FAULT_DLQ";
    static final String DEAD_LETTER_SUBJECT = "dlq.orders";

    static final Duration PUBLISH_LIMIT = Duration.ofMinutes(3);
    static final Duration TRIGGER_LIMIT = Duration.ofMinutes(2);
    static final Duration FAULT_LIMIT = Duration.ofMinutes(2);
    /** The drain gives up when no acked-out message was acked in for this long. */
    static final Duration DRAIN_NO_PROGRESS_LIMIT = Duration.ofSeconds(60);
    static final Duration DRAIN_LIMIT = Duration.ofMinutes(4);
    static final int MIN_UNSETTLED_AT_CONSUMER_FAULT = 20;

    private static final Logger LOG = Logger.getLogger(ScenarioRunner.class.getName());

    private final Path workDir;

    ScenarioRunner(Path workDir) {
        this.workDir = workDir;
    }

    ScenarioResult run(FaultScenario scenario, int run, int messages) throws Exception {
        Path runDir = workDir.resolve(scenario.name() + "-" + run);
        deleteDirectory(runDir);
        Files.createDirectories(runDir);
        Path logFile = runDir.resolve("deliveries.log");

        NatsServerProcess server = null;
        NatsCluster cluster = null;
        ConsumerHost consumer = null;
        FaultApplication publisher = null;
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        try {
            String urls;
            int replicas;
            switch (scenario.topology()) {
                case SINGLE -> server = NatsServerProcess.start();
                case SINGLE_SMALL_PAYLOAD -> server = NatsServerProcess.startWithConfig(
                        "max_payload: " + FaultScenarios.SMALL_MAX_PAYLOAD);
                case CLUSTER -> cluster = NatsCluster.start(3);
                default -> throw new IllegalArgumentException("Unknown topology " + scenario.topology());
            }
            urls = cluster != null ? cluster.urls() : server.url();
            replicas = cluster != null ? 3 : 1;

            StreamAdmin admin = new StreamAdmin(urls);
            admin.createStream(STREAM, "fault.>", replicas);
            admin.createStream(DEAD_LETTER_STREAM, "dlq.>", replicas);

            Map<String, String> consumerProperties = consumerProperties(scenario, urls);
            consumer = scenario.consumerInChildJvm()
                    ? ConsumerHost.childJvm(consumerProperties, logFile, runDir)
                    : ConsumerHost.inProcess(consumerProperties, logFile);
            consumer.start();
            publisher = FaultApplication.start("publisher", publisherProperties(urls), MessagePublisher.class);
            MessagePublisher sender = publisher.bean(MessagePublisher.class);

            DeliveryLogReader reader = new DeliveryLogReader(logFile);
            poller.scheduleWithFixedDelay(reader::poll, 100, 100, TimeUnit.MILLISECONDS);

            PublishLoop publishing = new PublishLoop(sender::send, messages, scenario.kindOf(),
                    FaultScenarios.OVERSIZED_BYTES);
            FaultContext context = new FaultContext(server, cluster, consumer, admin);
            CompletableFuture<String> fault = CompletableFuture.supplyAsync(
                    () -> injectWhenTriggered(scenario, context, publishing, reader, messages));

            long start = System.nanoTime();
            boolean published = publishing.run(PUBLISH_LIMIT);
            LOG.info(() -> scenario.name() + " run " + run + ": publishing " + (published ? "finished" : "timed out")
                    + " with " + publishing.ackedCount() + " acked");

            String faultNote = "";
            String faultError = "";
            try {
                faultNote = fault.get(FAULT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                faultError = String.valueOf(e.getCause());
            } catch (TimeoutException e) {
                faultError = "the fault did not finish within " + FAULT_LIMIT.toSeconds() + " s";
            }

            Set<String> ackedOut = publishing.acked();
            Set<String> expectedAcks = new HashSet<>(ackedOut);
            for (int index = 0; index < messages; index++) {
                if (Payloads.POISON.equals(scenario.kindOf().apply(index))) {
                    expectedAcks.remove(Payloads.id(index));
                }
            }
            boolean drained = drain(scenario, reader, admin, expectedAcks);

            // Wait past ack-wait, so that redeliveries of acks lost in the fault are counted too.
            Thread.sleep(ackWait(scenario).plusSeconds(2).toMillis());
            long durationMillis = (System.nanoTime() - start) / 1_000_000;

            publisher.close();
            publisher = null;
            consumer.close();
            poller.shutdownNow();
            reader.poll();

            Set<String> ackUnrecorded = Set.of();
            if (scenario.consumerInChildJvm() && durableFullyAcked(admin)) {
                ackUnrecorded = Sets.minus(reader.delivered(), reader.acked(), reader.nacked());
            }

            List<String> storedIds = admin.readIds(STREAM);
            Set<String> deadLettered = Set.copyOf(admin.readIds(DEAD_LETTER_STREAM));
            return new ScenarioResult(scenario.name(), run, messages, publishing.sends(), publishing.nacks(),
                    publishing.nackReasons(), publishing.gaveUp(), ackedOut, storedIds, reader.deliveries(),
                    reader.delivered(), reader.acked(), deadLettered, ackUnrecorded, reader.duplicates(),
                    reader.redeliveries(), reader.longestStallMillis(), drained, faultNote, faultError,
                    durationMillis);
        } finally {
            poller.shutdownNow();
            closeQuietly(publisher);
            closeQuietly(consumer);
            closeQuietly(cluster);
            closeQuietly(server);
        }
    }

    private String injectWhenTriggered(FaultScenario scenario, FaultContext context, PublishLoop publishing,
            DeliveryLogReader reader, int messages) {
        long threshold = Math.round(scenario.trigger().fraction() * messages);
        long deadline = System.nanoTime() + TRIGGER_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            long progress = scenario.trigger().afterDeliveries() ? reader.deliveredCount() : publishing.ackedCount();
            // A delivery trigger also waits for delivered messages that await their ack, so that
            // a consumer fault hits in the middle of a batch.
            boolean batchOpen = !scenario.trigger().afterDeliveries()
                    || reader.unsettledCount() >= MIN_UNSETTLED_AT_CONSUMER_FAULT;
            if (progress >= threshold && batchOpen) {
                LOG.info(() -> scenario.name() + ": injecting the fault at " + progress + " of " + messages + " ("
                        + reader.unsettledCount() + " delivered and not yet acked)");
                try {
                    return scenario.action().inject(context);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("The fault of " + scenario.name() + " failed: " + e, e);
                }
            }
            ConsumerHost.sleep(Duration.ofMillis(20));
        }
        throw new IllegalStateException("The trigger of " + scenario.name() + " was not reached within "
                + TRIGGER_LIMIT.toSeconds() + " s");
    }

    /**
     * Waits until every expected id is acked in. For a consumer JVM that may have been killed
     * between an ack and its log line, it also ends when the durable reports every message acked.
     */
    private boolean drain(FaultScenario scenario, DeliveryLogReader reader, StreamAdmin admin,
            Set<String> expectedAcks) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        long lastProgressAt = System.nanoTime();
        int lastAcked = -1;
        while (System.nanoTime() < deadline
                && System.nanoTime() - lastProgressAt < DRAIN_NO_PROGRESS_LIMIT.toNanos()) {
            if (reader.ackedAll(expectedAcks)) {
                return true;
            }
            int acked = reader.acked().size();
            if (acked != lastAcked) {
                lastAcked = acked;
                lastProgressAt = System.nanoTime();
            } else if (scenario.consumerInChildJvm() && durableFullyAcked(admin)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** Returns whether the durable has nothing pending, nothing awaiting an ack, and its ack floor at the stream's last message. */
    private static boolean durableFullyAcked(StreamAdmin admin) {
        ConsumerInfo consumer = admin.consumerInfo(STREAM, DURABLE);
        StreamInfo stream = admin.streamInfo(STREAM);
        return consumer.getNumPending() == 0 && consumer.getNumAckPending() == 0
                && consumer.getAckFloor().getStreamSequence() == stream.getStreamState().getLastSequence();
    }

    /** Returns the scenario's ack wait; an {@code ack-wait} attribute must be given in milliseconds. */
    private static Duration ackWait(FaultScenario scenario) {
        String value = scenario.incomingAttributes().get("ack-wait");
        return value == null ? FaultScenarios.ACK_WAIT : Duration.ofMillis(Long.parseLong(value.replace("ms", "")));
    }

    private static Map<String, String> consumerProperties(FaultScenario scenario, String urls) {
        Map<String, String> properties = new HashMap<>(scenario.consumerProperties());
        properties.put("mp.messaging.connector.nats-jetstream.servers", urls);
        Map<String, String> attributes = new HashMap<>();
        attributes.put("connector", "nats-jetstream");
        attributes.put("subject", SUBJECT);
        attributes.put("durable", DURABLE);
        attributes.put("payload-type", "string");
        attributes.put("batch-size", "100");
        attributes.put("fetch-wait", "1s");
        attributes.put("ack-wait", FaultScenarios.ACK_WAIT.toMillis() + "ms");
        attributes.putAll(scenario.incomingAttributes());
        attributes.forEach((attribute, value) ->
                properties.put("mp.messaging.incoming." + MessageConsumer.CHANNEL + "." + attribute, value));
        return properties;
    }

    private static Map<String, String> publisherProperties(String urls) {
        String prefix = "mp.messaging.outgoing." + MessagePublisher.CHANNEL + ".";
        return Map.of(
                "mp.messaging.connector.nats-jetstream.servers", urls,
                prefix + "connector", "nats-jetstream",
                prefix + "subject", SUBJECT,
                prefix + "publish-timeout", "2s",
                prefix + "max-inflight", Integer.toString(PublishLoop.MAX_OUTSTANDING));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warning("Failed to close " + closeable + ": " + e);
        }
    }

    private static void deleteDirectory(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
