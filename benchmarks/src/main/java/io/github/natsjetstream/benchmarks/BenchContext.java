package io.github.natsjetstream.benchmarks;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state that every benchmark shares: the server URL, an admin connection for streams and consumers, the
 * settings and the report.
 */
final class BenchContext implements AutoCloseable {

    private final String url;
    private final Settings settings;
    private final Report report;
    private final Connection admin;
    private final JetStreamManagement management;
    private final AtomicInteger names = new AtomicInteger();

    BenchContext(String url, Settings settings, Report report) throws IOException, InterruptedException {
        this.url = url;
        this.settings = settings;
        this.report = report;
        this.admin = connect(false);
        try {
            this.management = admin.jetStreamManagement();
        } catch (IOException e) {
            admin.close();
            throw e;
        }
    }

    String url() {
        return url;
    }

    Settings settings() {
        return settings;
    }

    Report report() {
        return report;
    }

    JetStreamManagement management() {
        return management;
    }

    /** Returns a name that no earlier call returned, such as {@code out7}. */
    String newName(String prefix) {
        return prefix + names.incrementAndGet();
    }

    /**
     * Opens a raw jnats connection to the benchmark server. With {@code dontForceFlush}, a request
     * (such as a publish that expects a PubAck) does not force a flush of the outgoing buffer.
     */
    Connection connect(boolean dontForceFlush) throws IOException, InterruptedException {
        Options.Builder options = new Options.Builder()
                .server(url)
                .connectionTimeout(Duration.ofSeconds(5))
                .maxReconnects(0);
        if (dontForceFlush) {
            options.dontForceFlushOnRequest();
        }
        return Nats.connect(options.build());
    }

    /** Properties that every application sets: the server and quiet connector defaults. */
    Map<String, String> applicationProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("mp.messaging.connector.nats-jetstream.servers", url);
        return properties;
    }

    /** Creates a file-storage stream that captures exactly {@code subject}. */
    void createStream(String stream, String subject) throws IOException, JetStreamApiException {
        management.addStream(StreamConfiguration.builder()
                .name(stream)
                .subjects(subject)
                .storageType(StorageType.File)
                .build());
    }

    void deleteStreamQuietly(String stream) {
        try {
            management.deleteStream(stream);
        } catch (IOException | JetStreamApiException e) {
            report.note("Failed to delete stream " + stream + ": " + e);
        }
    }

    /** Creates a durable pull consumer with explicit acks that reads the subject from the start. */
    void createDurable(String stream, String durable, String subject, long maxAckPending)
            throws IOException, JetStreamApiException {
        ConsumerConfiguration.Builder configuration = ConsumerConfiguration.builder()
                .durable(durable)
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All)
                .filterSubject(subject);
        if (maxAckPending > 0) {
            configuration.maxAckPending(maxAckPending);
        }
        management.addOrUpdateConsumer(stream, configuration.build());
    }

    void deleteDurableQuietly(String stream, String durable) {
        try {
            management.deleteConsumer(stream, durable);
        } catch (IOException | JetStreamApiException e) {
            report.note("Failed to delete durable " + durable + " of stream " + stream + ": " + e);
        }
    }

    long streamMessages(String stream) throws IOException, JetStreamApiException {
        return management.getStreamInfo(stream).getStreamState().getMsgCount();
    }

    ConsumerInfo consumerInfo(String stream, String durable) throws IOException, JetStreamApiException {
        return management.getConsumerInfo(stream, durable);
    }

    /**
     * Waits until the durable has no unacknowledged message and its ack floor reached
     * {@code lastSequence}, so a measured consumer really acked everything it received.
     */
    void awaitAllAcked(String stream, String durable, long lastSequence, Duration timeout)
            throws IOException, JetStreamApiException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConsumerInfo info = consumerInfo(stream, durable);
        while (System.nanoTime() < deadline) {
            info = consumerInfo(stream, durable);
            if (info.getNumAckPending() == 0 && info.getAckFloor().getStreamSequence() >= lastSequence) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("Durable " + durable + " of stream " + stream + " still has "
                + info.getNumAckPending() + " unacknowledged messages and ack floor "
                + info.getAckFloor().getStreamSequence() + " (expected " + lastSequence + ") after "
                + timeout.toSeconds() + " s");
    }

    @Override
    public void close() throws InterruptedException {
        admin.close();
    }
}
