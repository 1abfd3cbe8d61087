package io.github.natsjetstream.tck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.natsjetstream.tck.runtime.RunningApplication;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

/**
 * Stream handling: the connector creates a missing stream named after the subject's first token,
 * applies the {@code stream-*} attributes, and uses a stream that already captures the subject
 * as it is.
 */
public abstract class StreamProvisioningScenarios extends ConnectorScenario {

    private static final String OUTGOING = "tck-provisioned-out";
    private static final String INCOMING = "tck-provisioned-in";

    @ApplicationScoped
    public static class Sender {

        @Inject
        @Channel(OUTGOING)
        Emitter<String> emitter;

        public CompletionStage<Void> send(String payload) {
            return emitter.send(payload);
        }
    }

    @ApplicationScoped
    public static class Receiver {

        private final List<String> received = new CopyOnWriteArrayList<>();

        @Incoming(INCOMING)
        public void consume(String payload) {
            received.add(payload);
        }

        public List<String> received() {
            return List.copyOf(received);
        }
    }

    @Test
    void publishCreatesStreamFromSubject() {
        TestNames names = TestNames.random("tck-auto-out");
        String subject = names.subject("orders.created");
        assertThat(admin.streamNamesCapturing(subject)).as("streams before the test").isEmpty();

        RunningApplication application = startApplication(
                config().outgoing(OUTGOING, Map.of("subject", subject)), Sender.class);
        assertThat(application.bean(Sender.class).send("order-1").toCompletableFuture()).succeedsWithin(TIMEOUT);

        StreamInfo info = admin.findStream(names.derivedStream())
                .orElseThrow(() -> new AssertionError("No stream " + names.derivedStream() + " was created"));
        StreamConfiguration created = info.getConfiguration();
        assertThat(created.getSubjects()).containsExactly(names.allSubjects());
        assertThat(created.getStorageType()).isEqualTo(StorageType.File);
        assertThat(created.getRetentionPolicy()).isEqualTo(RetentionPolicy.Limits);
        assertThat(info.getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(new String(admin.message(names.derivedStream(), 1).getData(), UTF_8)).isEqualTo("order-1");
    }

    @Test
    void consumeCreatesStreamAndDurable() {
        TestNames names = TestNames.random("tck-auto-in");
        String subject = names.subject("events");
        String durable = names.durable("auto");
        String stream = names.derivedStream();

        RunningApplication application = startApplication(
                config().incoming(INCOMING, Map.of(
                        "subject", subject,
                        "durable", durable,
                        "payload-type", "string",
                        "fetch-wait", FETCH_WAIT)),
                Receiver.class);
        Receiver receiver = application.bean(Receiver.class);

        StreamInfo info = await("stream " + stream + " created")
                .atMost(TIMEOUT)
                .until(() -> admin.findStream(stream), Optional::isPresent)
                .orElseThrow();
        assertThat(info.getConfiguration().getSubjects()).containsExactly(names.allSubjects());
        awaitConsumer(stream, durable);

        admin.publish(subject, "event-1");
        await("event received").atMost(TIMEOUT).until(() -> !receiver.received().isEmpty());
        assertThat(receiver.received()).containsExactly("event-1");
    }

    @Test
    void streamAttributesApplied() {
        TestNames names = TestNames.random("tck-attrs");
        String stream = names.derivedStream() + "_CUSTOM";
        List<String> subjects = List.of(names.subject("orders.*"), names.subject("audit"));

        RunningApplication application = startApplication(
                config().outgoing(OUTGOING, Map.of(
                        "subject", names.subject("orders.created"),
                        "stream", stream,
                        "stream-subjects", String.join(",", subjects),
                        "stream-storage", "memory",
                        "stream-retention", "workqueue",
                        "stream-replicas", "1")),
                Sender.class);
        assertThat(application.bean(Sender.class).send("order-1").toCompletableFuture()).succeedsWithin(TIMEOUT);

        StreamInfo info = admin.findStream(stream)
                .orElseThrow(() -> new AssertionError("No stream " + stream + " was created"));
        StreamConfiguration created = info.getConfiguration();
        assertThat(created.getSubjects()).containsExactlyInAnyOrderElementsOf(subjects);
        assertThat(created.getStorageType()).isEqualTo(StorageType.Memory);
        assertThat(created.getRetentionPolicy()).isEqualTo(RetentionPolicy.WorkQueue);
        assertThat(created.getReplicas()).isEqualTo(1);
        assertThat(info.getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(admin.findStream(names.derivedStream())).as("stream with the derived name").isEmpty();
    }

    @Test
    void existingStreamKeepsItsSubjects() {
        TestNames names = TestNames.random("tck-existing");
        String stream = names.derivedStream();
        String subject = names.subject("orders.new");
        String durable = names.durable("existing");
        // The derived name, but narrower subjects than the connector would create.
        List<String> subjects = List.of(names.subject("orders.*"), names.subject("audit"));
        StreamConfiguration before = admin.createStream(stream, subjects.toArray(String[]::new)).getConfiguration();

        RunningApplication application = startApplication(
                config()
                        .outgoing(OUTGOING, Map.of("subject", subject))
                        .incoming(INCOMING, Map.of(
                                "subject", subject,
                                "durable", durable,
                                "payload-type", "string",
                                "fetch-wait", FETCH_WAIT)),
                Sender.class, Receiver.class);
        assertThat(application.bean(Sender.class).send("order-1").toCompletableFuture()).succeedsWithin(TIMEOUT);
        Receiver receiver = application.bean(Receiver.class);
        await("order received").atMost(TIMEOUT).until(() -> !receiver.received().isEmpty());

        StreamInfo after = admin.streamInfo(stream);
        assertThat(after.getConfiguration().getSubjects()).containsExactlyElementsOf(before.getSubjects());
        assertThat(after.getConfiguration().getStorageType()).isEqualTo(StorageType.Memory);
        assertThat(after.getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(admin.streamNames()).filteredOn(name -> name.startsWith(stream)).containsExactly(stream);
        assertThat(receiver.received()).containsExactly("order-1");
    }

    @Test
    void existingStreamWithOtherNameUsed() {
        TestNames names = TestNames.random("tck-other");
        String stream = names.derivedStream() + "_EXISTING";
        String subject = names.subject("orders");
        String durable = names.durable("other");
        admin.createStream(stream, subject);

        RunningApplication application = startApplication(
                config()
                        .outgoing(OUTGOING, Map.of("subject", subject))
                        .incoming(INCOMING, Map.of(
                                "subject", subject,
                                "stream", stream,
                                "durable", durable,
                                "payload-type", "string",
                                "fetch-wait", FETCH_WAIT)),
                Sender.class, Receiver.class);
        assertThat(application.bean(Sender.class).send("order-1").toCompletableFuture()).succeedsWithin(TIMEOUT);
        Receiver receiver = application.bean(Receiver.class);
        await("order received").atMost(TIMEOUT).until(() -> !receiver.received().isEmpty());

        assertThat(admin.findStream(names.derivedStream())).as("stream with the derived name").isEmpty();
        assertThat(admin.streamNamesCapturing(subject)).containsExactly(stream);
        assertThat(admin.streamInfo(stream).getConfiguration().getSubjects()).containsExactly(subject);
        assertThat(admin.streamInfo(stream).getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(admin.consumerInfo(stream, durable).getStreamName()).isEqualTo(stream);
        assertThat(receiver.received()).containsExactly("order-1");
    }

    /**
     * Reads from a channel without a {@code subject} attribute, so the channel name is the
     * subject. The name is fixed by the annotation, so only this test may use it on the class's
     * server.
     */
    @ApplicationScoped
    public static class DefaultSubjectReceiver {

        static final String CHANNEL = "tck-default-subject";

        private final List<String> received = new CopyOnWriteArrayList<>();

        @Incoming(CHANNEL)
        public void consume(String payload) {
            received.add(payload);
        }

        public List<String> received() {
            return List.copyOf(received);
        }
    }

    @Test
    void channelNameIsDefaultSubject() {
        String subject = DefaultSubjectReceiver.CHANNEL;
        String stream = new TestNames(subject).derivedStream();
        String durable = TestNames.random("tck-default").durable("reader");

        RunningApplication application = startApplication(
                config().incoming(DefaultSubjectReceiver.CHANNEL, Map.of(
                        "durable", durable,
                        "payload-type", "string",
                        "fetch-wait", FETCH_WAIT)),
                DefaultSubjectReceiver.class);
        DefaultSubjectReceiver receiver = application.bean(DefaultSubjectReceiver.class);
        awaitConsumer(stream, durable);

        assertThat(admin.streamNamesCapturing(subject)).as("streams capturing " + subject).containsExactly(stream);
        admin.publish(subject, "event-1");
        await("event received").atMost(TIMEOUT).until(() -> !receiver.received().isEmpty());
        assertThat(receiver.received()).containsExactly("event-1");
    }
}
