package io.github.natsjetstream.tck.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.github.natsjetstream.tck.ApplicationConfig;
import io.github.natsjetstream.tck.JetStreamAdmin;
import io.github.natsjetstream.tck.TestNames;
import io.github.natsjetstream.tck.app.Delivery;
import io.github.natsjetstream.tck.app.Delivery.Outcome;
import io.github.natsjetstream.tck.app.MessageConsumer;
import io.github.natsjetstream.tck.app.PayloadConsumer;
import io.github.natsjetstream.tck.app.PublishReceipt;
import io.github.natsjetstream.tck.app.Publisher;
import io.github.natsjetstream.tck.runtime.ApplicationStartException;
import io.github.natsjetstream.testing.NatsServerProcess;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * The scenarios that every runtime must pass, run against the conformance application of module
 * {@code tck-tests/app}. A runtime adapter extends this class and returns its
 * {@link ConformanceRuntime} from {@link #runtime()}.
 *
 * <p>The application has three channels: {@code tck-out} publishes through an {@code Emitter},
 * {@code tck-messages} consumes {@code Message<String>} and reads JetStream metadata, and
 * {@code tck-payloads} consumes {@code String} payloads. Each test sets their subjects and
 * durables when it starts the application, and checks the result both through the application's
 * report of its deliveries and on the server with jnats.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConformanceScenarios {

    /** How long a test waits for something that should happen within a few fetches. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String FETCH_WAIT = "500ms";

    /** Longer than {@link #TIMEOUT}, so only a nak brings a message back within a test. */
    private static final String ACK_WAIT = "60s";

    private NatsServerProcess server;
    private JetStreamAdmin admin;
    private final List<ConformanceApplication> applications = new ArrayList<>();
    private String testName = "test";

    /** Returns the runtime that starts the conformance application. */
    protected abstract ConformanceRuntime runtime();

    @BeforeAll
    void startServer() {
        server = NatsServerProcess.start();
        admin = JetStreamAdmin.connect(server.url());
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        try {
            if (admin != null) {
                admin.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @BeforeEach
    void rememberTestName(TestInfo testInfo) {
        testName = testInfo.getTestMethod().map(Method::getName).orElse("test");
    }

    @AfterEach
    void stopApplications() {
        RuntimeException failure = null;
        for (int i = applications.size() - 1; i >= 0; i--) {
            try {
                applications.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        applications.clear();
        if (failure != null) {
            throw failure;
        }
    }

    @Test
    void publishAndConsume() {
        Channels channels = new Channels(TestNames.random("tck-conf-pub"));
        ConformanceApplication application = start(channels);

        List<String> payloads = List.of("order-1", "order-2", "order-3");
        for (int i = 0; i < payloads.size(); i++) {
            application.publish(payloads.get(i), Map.of());

            // publish() returns after the connector acked the message, so it is already stored.
            assertThat(admin.streamInfo(channels.stream()).getStreamState().getMsgCount())
                    .as("messages in stream %s after publish %d returned", channels.stream(), i + 1)
                    .isEqualTo(i + 1);
        }

        List<Delivery> received = awaitDeliveries(application, MessageConsumer.CHANNEL, payloads.size());
        assertThat(received).extracting(Delivery::payload).containsExactlyElementsOf(payloads);
        assertThat(received).extracting(Delivery::outcome).containsOnly(Outcome.ACKED);
        awaitAckFloor(channels.stream(), channels.messagesDurable(), payloads.size());
    }

    @Test
    void ackAdvancesDurable() {
        Channels channels = new Channels(TestNames.random("tck-conf-ack"));
        admin.createStream(channels.stream(), channels.names().allSubjects());
        List<String> payloads = List.of("order-1", "order-2", "order-3", "order-4", "order-5");
        payloads.forEach(payload -> admin.publish(channels.ordersSubject(), payload));

        ConformanceApplication application = start(channels);

        List<Delivery> received = awaitDeliveries(application, MessageConsumer.CHANNEL, payloads.size());
        assertThat(received).extracting(Delivery::payload).containsExactlyElementsOf(payloads);
        awaitAckFloor(channels.stream(), channels.messagesDurable(), payloads.size());
        ConsumerInfo info = admin.consumerInfo(channels.stream(), channels.messagesDurable());
        assertThat(info.getNumAckPending()).as("unacknowledged messages").isZero();
        assertThat(info.getNumPending()).as("messages not yet delivered").isZero();
        assertThat(info.getDelivered().getConsumerSequence()).as("deliveries").isEqualTo(payloads.size());
    }

    @Test
    void exceptionCausesRedelivery() {
        Channels channels = new Channels(TestNames.random("tck-conf-fail"));
        admin.createStream(channels.stream(), channels.names().allSubjects());
        String failing = PayloadConsumer.FAIL_PREFIX + "2";
        List.of("job-1", failing, "job-3").forEach(payload -> admin.publish(channels.jobsSubject(), payload));

        ConformanceApplication application = start(channels);

        await(failing + " processed on its second delivery").atMost(TIMEOUT).until(() ->
                deliveries(application, PayloadConsumer.CHANNEL).stream().anyMatch(delivery ->
                        delivery.payload().equals(failing) && delivery.outcome() == Outcome.PROCESSED));
        awaitAckFloor(channels.stream(), channels.payloadsDurable(), 3);

        List<Delivery> received = deliveries(application, PayloadConsumer.CHANNEL);
        assertThat(received).filteredOn(delivery -> delivery.payload().equals(failing))
                .extracting(Delivery::attempt, Delivery::outcome)
                .containsExactly(
                        Tuple.tuple(1, Outcome.FAILED),
                        Tuple.tuple(2, Outcome.PROCESSED));
        assertThat(received).filteredOn(delivery -> !delivery.payload().equals(failing))
                .extracting(Delivery::payload)
                .containsExactlyInAnyOrder("job-1", "job-3");
        ConsumerInfo info = admin.consumerInfo(channels.stream(), channels.payloadsDurable());
        assertThat(info.getDelivered().getConsumerSequence())
                .as("deliveries: three messages and one redelivery")
                .isEqualTo(4);
        assertThat(info.getNumAckPending()).isZero();
    }

    @Test
    void nackCausesRedelivery() {
        Channels channels = new Channels(TestNames.random("tck-conf-nack"));
        admin.createStream(channels.stream(), channels.names().allSubjects());
        String rejected = MessageConsumer.NACK_PREFIX + "2";
        List.of("order-1", rejected, "order-3").forEach(payload -> admin.publish(channels.ordersSubject(), payload));

        ConformanceApplication application = start(channels);

        await(rejected + " acked on its second delivery").atMost(TIMEOUT).until(() ->
                deliveries(application, MessageConsumer.CHANNEL).stream().anyMatch(delivery ->
                        delivery.payload().equals(rejected) && delivery.outcome() == Outcome.ACKED));
        awaitAckFloor(channels.stream(), channels.messagesDurable(), 3);

        List<Delivery> attempts = deliveries(application, MessageConsumer.CHANNEL).stream()
                .filter(delivery -> delivery.payload().equals(rejected))
                .toList();
        assertThat(attempts).extracting(Delivery::outcome).containsExactly(Outcome.NACKED, Outcome.ACKED);
        assertThat(attempts).extracting(Delivery::deliveredCount).as("JetStream delivery counts").containsExactly(1L, 2L);
        assertThat(attempts).extracting(Delivery::streamSequence).as("stream sequences").containsOnly(2L);
        ConsumerInfo info = admin.consumerInfo(channels.stream(), channels.messagesDurable());
        assertThat(info.getDelivered().getConsumerSequence()).isEqualTo(4);
        assertThat(info.getNumAckPending()).isZero();
    }

    @Test
    void twoInstancesShareDurable() {
        Channels channels = new Channels(TestNames.random("tck-conf-shared"));
        admin.createStream(channels.stream(), channels.names().allSubjects());
        int messageCount = 40;

        ConformanceApplication first = start(channels.with(PayloadConsumer.CHANNEL, "batch-size", "5")
                .with(PayloadConsumer.CHANNEL, "client-name", "tck-instance-1"));
        ConformanceApplication second = start(channels.with(PayloadConsumer.CHANNEL, "client-name", "tck-instance-2"));

        // Each job takes 20 ms, so one instance cannot drain the durable before the other pulls.
        List<String> payloads = IntStream.rangeClosed(1, messageCount)
                .mapToObj(i -> PayloadConsumer.SLOW_PREFIX + "job-" + i)
                .toList();
        payloads.forEach(payload -> admin.publish(channels.jobsSubject(), payload));

        await("all jobs received by the two instances").atMost(TIMEOUT).until(() ->
                deliveries(first, PayloadConsumer.CHANNEL).size() + deliveries(second, PayloadConsumer.CHANNEL).size()
                        >= messageCount);
        awaitAckFloor(channels.stream(), channels.payloadsDurable(), messageCount);
        // Wait a few fetches longer, so a redelivery would show up in the counts below.
        sleep(Duration.ofSeconds(1));

        List<String> firstJobs = payloads(deliveries(first, PayloadConsumer.CHANNEL));
        List<String> secondJobs = payloads(deliveries(second, PayloadConsumer.CHANNEL));
        Map<String, Integer> receiveCounts = new HashMap<>();
        firstJobs.forEach(payload -> receiveCounts.merge(payload, 1, Integer::sum));
        secondJobs.forEach(payload -> receiveCounts.merge(payload, 1, Integer::sum));
        assertThat(receiveCounts.keySet()).as("jobs received").containsExactlyInAnyOrderElementsOf(payloads);
        assertThat(receiveCounts).as("times each job was received").allSatisfy(
                (payload, count) -> assertThat(count).as(payload).isEqualTo(1));
        assertThat(firstJobs).as("jobs of the first instance").isNotEmpty();
        assertThat(secondJobs).as("jobs of the second instance").isNotEmpty();
        ConsumerInfo info = admin.consumerInfo(channels.stream(), channels.payloadsDurable());
        assertThat(info.getDelivered().getConsumerSequence()).as("deliveries").isEqualTo(messageCount);
        assertThat(info.getNumAckPending()).isZero();
    }

    @Test
    void restartResumesAtDurablePosition() {
        Channels channels = new Channels(TestNames.random("tck-conf-restart"));
        admin.createStream(channels.stream(), channels.names().allSubjects());

        List<String> firstRun = List.of("job-1", "job-2", "job-3");
        firstRun.forEach(payload -> admin.publish(channels.jobsSubject(), payload));
        ConformanceApplication first = start(channels);
        awaitDeliveries(first, PayloadConsumer.CHANNEL, firstRun.size());
        awaitAckFloor(channels.stream(), channels.payloadsDurable(), firstRun.size());
        assertThat(payloads(deliveries(first, PayloadConsumer.CHANNEL))).containsExactlyElementsOf(firstRun);
        first.close();

        List<String> whileStopped = List.of("job-4", "job-5", "job-6");
        whileStopped.forEach(payload -> admin.publish(channels.jobsSubject(), payload));
        assertThat(admin.consumerInfo(channels.stream(), channels.payloadsDurable()).getNumPending())
                .as("messages waiting for the stopped application")
                .isEqualTo(3);

        ConformanceApplication second = start(channels);
        awaitDeliveries(second, PayloadConsumer.CHANNEL, whileStopped.size());
        awaitAckFloor(channels.stream(), channels.payloadsDurable(), firstRun.size() + whileStopped.size());
        // Wait a few fetches longer, so a redelivered old message would show up.
        sleep(Duration.ofSeconds(1));

        assertThat(payloads(deliveries(second, PayloadConsumer.CHANNEL))).containsExactlyElementsOf(whileStopped);
        ConsumerInfo resumed = admin.consumerInfo(channels.stream(), channels.payloadsDurable());
        assertThat(resumed.getDelivered().getConsumerSequence()).as("deliveries over both runs").isEqualTo(6);
        assertThat(resumed.getNumAckPending()).isZero();
    }

    @Test
    void metadataReadableThroughUnwrap() {
        Channels channels = new Channels(TestNames.random("tck-conf-meta"));
        ConformanceApplication application = start(channels);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Order-Id", List.of("42"));
        headers.put("Tags", List.of("red", "large"));

        application.publish("order-with-headers", headers);

        Delivery delivery = awaitDeliveries(application, MessageConsumer.CHANNEL, 1).get(0);
        assertThat(delivery.metadataError()).as("exception of Message.unwrap(JetStreamIncomingMessage.class)").isEmpty();
        assertThat(delivery.payload()).isEqualTo("order-with-headers");
        assertThat(delivery.subject()).as("subject").isEqualTo(channels.ordersSubject());
        assertThat(delivery.stream()).as("stream").isEqualTo(channels.stream());
        assertThat(delivery.streamSequence()).as("stream sequence").isEqualTo(1);
        assertThat(delivery.deliveredCount()).as("delivered count").isEqualTo(1);
        assertThat(delivery.headers()).as("headers").containsEntry("Order-Id", List.of("42"));
        assertThat(delivery.headers()).as("headers").containsEntry("Tags", List.of("red", "large"));

        MessageInfo stored = admin.message(channels.stream(), 1);
        assertThat(new String(stored.getData(), UTF_8)).isEqualTo("order-with-headers");
        assertThat(stored.getHeaders().get("Order-Id")).as("stored Order-Id header").containsExactly("42");
        assertThat(stored.getHeaders().get("Tags")).as("stored Tags header").containsExactly("red", "large");
    }

    @Test
    void perMessageSubjectAndMessageId() {
        Channels channels = new Channels(TestNames.random("tck-conf-route"));
        ConformanceApplication application = start(channels);
        String routed = channels.names().subject("routed.eu");
        String messageId = "order-" + channels.names().token();

        PublishReceipt first = application.publishRouted("routed-1", routed, messageId);
        PublishReceipt again = application.publishRouted("routed-1 again", routed, messageId);

        assertThat(first.stream()).as("stream in the first PubAck").isEqualTo(channels.stream());
        assertThat(first.sequence()).as("sequence in the first PubAck").isEqualTo(1);
        assertThat(first.duplicate()).as("first PubAck marked duplicate").isFalse();
        assertThat(again.sequence()).as("sequence in the PubAck of the same message id").isEqualTo(1);
        assertThat(again.duplicate()).as("second PubAck marked duplicate").isTrue();
        assertThat(admin.streamInfo(channels.stream()).getStreamState().getMsgCount())
                .as("messages in stream %s", channels.stream())
                .isEqualTo(1);
        MessageInfo stored = admin.message(channels.stream(), 1);
        assertThat(stored.getSubject()).as("stored subject").isEqualTo(routed);
        assertThat(new String(stored.getData(), UTF_8)).isEqualTo("routed-1");
        assertThat(stored.getHeaders().get("Nats-Msg-Id")).as("stored Nats-Msg-Id").containsExactly(messageId);

        String outside = "elsewhere-" + channels.names().token() + ".x";
        Throwable rejected = catchThrowable(() -> application.publishRouted("lost", outside, "lost-" + messageId));
        assertThat(rejected).as("publish to a subject outside the stream")
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining(outside)
                .hasMessageContaining(channels.names().allSubjects());
    }

    @Test
    void missingDurableFailsStartup() {
        Channels channels = new Channels(TestNames.random("tck-conf-nodurable"))
                .without(PayloadConsumer.CHANNEL, "durable");

        List<String> messages = startupFailureMessages(channels);

        assertThat(messages).as("messages of the startup failure")
                .anySatisfy(message -> assertThat(message).contains(PayloadConsumer.CHANNEL).contains("durable"));
    }

    @Test
    void invalidDurationFailsStartup() {
        Channels channels = new Channels(TestNames.random("tck-conf-duration"))
                .with(PayloadConsumer.CHANNEL, "fetch-wait", "5 parsecs");

        List<String> messages = startupFailureMessages(channels);

        assertThat(messages).as("messages of the startup failure")
                .anySatisfy(message -> assertThat(message).contains("5 parsecs").contains("fetch-wait"));
    }

    /**
     * Starts the application and waits until both incoming channels have their durable consumer,
     * because some runtimes respond to HTTP requests before they wire the channels.
     *
     * @throws ApplicationStartException if the runtime fails to deploy the application, also when
     *     it fails only after responding to HTTP requests
     */
    private ConformanceApplication start(Channels channels) {
        ConformanceApplication application = runtime().start(testName, channels.properties(server.url()));
        applications.add(application);
        await("durable consumers of " + application)
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    application.checkRunning();
                    return consumerExists(channels.stream(), channels.messagesDurable())
                            && consumerExists(channels.stream(), channels.payloadsDurable());
                });
        return application;
    }

    private boolean consumerExists(String stream, String durable) {
        return durable != null && admin.findConsumer(stream, durable).isPresent();
    }

    /**
     * Starts the application, expects the start to fail and returns the messages of the whole
     * cause chain, including suppressed exceptions.
     */
    private List<String> startupFailureMessages(Channels channels) {
        Throwable failure = catchThrowable(() -> start(channels));

        assertThat(failure).as("startup failure").isInstanceOf(ApplicationStartException.class);
        List<String> messages = new ArrayList<>();
        collectMessages(failure, messages, Collections.newSetFromMap(new IdentityHashMap<>()));
        return messages;
    }

    private static void collectMessages(Throwable throwable, List<String> messages, Set<Throwable> visited) {
        if (throwable == null || !visited.add(throwable)) {
            return;
        }
        if (throwable.getMessage() != null) {
            messages.add(throwable.getMessage());
        }
        collectMessages(throwable.getCause(), messages, visited);
        for (Throwable suppressed : throwable.getSuppressed()) {
            collectMessages(suppressed, messages, visited);
        }
    }

    private static List<Delivery> deliveries(ConformanceApplication application, String channel) {
        return application.deliveries().stream().filter(delivery -> delivery.channel().equals(channel)).toList();
    }

    private static List<String> payloads(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::payload).toList();
    }

    /** Waits until the channel has at least the given number of deliveries and returns them all. */
    private static List<Delivery> awaitDeliveries(ConformanceApplication application, String channel, int count) {
        return await(count + " deliveries on " + channel)
                .atMost(TIMEOUT)
                .until(() -> deliveries(application, channel), deliveries -> deliveries.size() >= count);
    }

    /**
     * Waits until the durable consumer's ack floor reaches the stream sequence, which means every
     * message of the consumer up to that sequence was acknowledged.
     */
    private void awaitAckFloor(String stream, String durable, long streamSequence) {
        await("ack floor at stream sequence " + streamSequence + " of consumer " + durable)
                .atMost(TIMEOUT)
                .until(() -> admin.findConsumer(stream, durable)
                                .map(info -> info.getAckFloor().getStreamSequence())
                                .orElse(0L),
                        floor -> floor >= streamSequence);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }

    /**
     * The channel attributes of one test: {@code tck-out} and {@code tck-messages} use the subject
     * {@code <token>.orders}, {@code tck-payloads} uses {@code <token>.jobs}, and both incoming
     * channels read strings through their own durable. Each {@code with} and {@code without}
     * returns a changed copy.
     */
    private record Channels(TestNames names, Map<String, Map<String, String>> attributes) {

        Channels(TestNames names) {
            this(names, defaultAttributes(names));
        }

        private static Map<String, Map<String, String>> defaultAttributes(TestNames names) {
            Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
            attributes.put(Publisher.CHANNEL, Map.of("subject", names.subject("orders")));
            attributes.put(MessageConsumer.CHANNEL, incoming(names.subject("orders"), names.durable("messages")));
            attributes.put(PayloadConsumer.CHANNEL, incoming(names.subject("jobs"), names.durable("payloads")));
            return attributes;
        }

        private static Map<String, String> incoming(String subject, String durable) {
            return Map.of(
                    "subject", subject,
                    "durable", durable,
                    "payload-type", "string",
                    "fetch-wait", FETCH_WAIT,
                    "ack-wait", ACK_WAIT);
        }

        Channels with(String channel, String attribute, String value) {
            return change(channel, channelAttributes -> channelAttributes.put(attribute, value));
        }

        Channels without(String channel, String attribute) {
            return change(channel, channelAttributes -> channelAttributes.remove(attribute));
        }

        private Channels change(String channel, Consumer<Map<String, String>> change) {
            Map<String, Map<String, String>> copy = new LinkedHashMap<>(attributes);
            Map<String, String> channelAttributes = new LinkedHashMap<>(copy.get(channel));
            change.accept(channelAttributes);
            copy.put(channel, channelAttributes);
            return new Channels(names, copy);
        }

        String stream() {
            return names.derivedStream();
        }

        String ordersSubject() {
            return names.subject("orders");
        }

        String jobsSubject() {
            return names.subject("jobs");
        }

        String messagesDurable() {
            return attributes.get(MessageConsumer.CHANNEL).get("durable");
        }

        String payloadsDurable() {
            return attributes.get(PayloadConsumer.CHANNEL).get("durable");
        }

        Map<String, String> properties(String serverUrl) {
            ApplicationConfig config = ApplicationConfig.forServer(serverUrl)
                    .outgoing(Publisher.CHANNEL, attributes.get(Publisher.CHANNEL))
                    .incoming(MessageConsumer.CHANNEL, attributes.get(MessageConsumer.CHANNEL))
                    .incoming(PayloadConsumer.CHANNEL, attributes.get(PayloadConsumer.CHANNEL));
            return config.toMap();
        }
    }
}
