package io.github.natsjetstream.smallrye;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.natsjetstream.payload.PayloadDecodingException;
import io.github.natsjetstream.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonPayloadConverter} on SmallRye Reactive Messaging and Weld SE with Jackson, against a
 * real nats-server: the method's parameter type selects the JSON mapping, without
 * {@code payload-class}.
 */
class JsonPayloadConverterTest {

    private static final String TOKEN = UUID.randomUUID().toString().substring(0, 8);
    private static final String STREAM = "CONVERT_" + TOKEN.toUpperCase();
    private static final String ORDERS_SUBJECT = "convert-" + TOKEN + ".orders";
    private static final String TEXT_SUBJECT = "convert-" + TOKEN + ".text";
    private static final String DEAD_LETTER_STREAM = "CONVERTDLQ_" + TOKEN.toUpperCase();
    private static final String DEAD_LETTER_SUBJECT = "convertdlq-" + TOKEN + ".orders";
    private static final String JSON_TEXT = "{\"id\":\"as-text\",\"quantity\":1}";

    private static NatsServerProcess server;
    private static Connection admin;
    private static WeldContainer container;

    @BeforeAll
    static void start() throws Exception {
        server = NatsServerProcess.start();
        admin = Nats.connect(server.url());
        JetStreamManagement management = admin.jetStreamManagement();
        management.addStream(StreamConfiguration.builder().name(STREAM).subjects("convert-" + TOKEN + ".>").build());
        management.addStream(StreamConfiguration.builder().name(DEAD_LETTER_STREAM)
                .subjects("convertdlq-" + TOKEN + ".>").build());

        JetStream jetStream = admin.jetStream();
        publish(jetStream, ORDERS_SUBJECT, "{\"id\":\"o-1\",\"quantity\":3}", "application/json; charset=utf-8");
        publish(jetStream, ORDERS_SUBJECT, "{\"id\":\"o-2\",", "application/json");
        publish(jetStream, ORDERS_SUBJECT, "{\"id\":\"o-3\",\"quantity\":5}", null);
        publish(jetStream, ORDERS_SUBJECT, "{\"id\":\"o-4\",\"quantity\":7}", "text/plain");
        publish(jetStream, TEXT_SUBJECT, JSON_TEXT, "application/json");

        Map<String, String> properties = new HashMap<>();
        String prefix = "mp.messaging.incoming.";
        properties.put("mp.messaging.connector.nats-jetstream.servers", server.url());
        properties.put(prefix + "convert-orders.connector", "nats-jetstream");
        properties.put(prefix + "convert-orders.subject", ORDERS_SUBJECT);
        properties.put(prefix + "convert-orders.durable", "orders-" + TOKEN);
        properties.put(prefix + "convert-orders.failure-strategy", "dead-letter");
        properties.put(prefix + "convert-orders.dead-letter-subject", DEAD_LETTER_SUBJECT);
        properties.put(prefix + "convert-text.connector", "nats-jetstream");
        properties.put(prefix + "convert-text.subject", TEXT_SUBJECT);
        properties.put(prefix + "convert-text.durable", "text-" + TOKEN);
        useOnlyMessagingProperties(properties);

        container = new Weld("json-payload-converter").addBeanClass(Receiver.class).initialize();
    }

    @AfterAll
    static void stop() throws Exception {
        if (container != null) {
            container.close();
        }
        useOnlyMessagingProperties(Map.of());
        admin.close();
        server.close();
    }

    /**
     * Replaces every messaging system property with these, so channels of other test classes in
     * this JVM are not started here, and rebuilds the cached Config so that it reads them.
     */
    private static void useOnlyMessagingProperties(Map<String, String> properties) {
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("mp.messaging."))
                .forEach(System::clearProperty);
        properties.forEach(System::setProperty);
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        ConfigProvider.getConfig();
    }

    private static void publish(JetStream jetStream, String subject, String body, String contentType)
            throws Exception {
        Headers headers = contentType == null ? null : new Headers().add("Content-Type", contentType);
        jetStream.publish(NatsMessage.builder().subject(subject).headers(headers)
                .data(body.getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void jsonBodiesBecomeParameterType() {
        Receiver receiver = container.select(Receiver.class).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.orders().size() == 2);

        assertThat(receiver.orders()).extracting(order -> order.id).containsExactly("o-1", "o-3");
        assertThat(receiver.orders()).extracting(order -> order.quantity).containsExactly(3, 5);
    }

    @Test
    void undecodableBodiesAreNackedWithoutCall() throws Exception {
        Receiver receiver = container.select(Receiver.class).get();
        JetStreamManagement management = admin.jetStreamManagement();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> management.getStreamInfo(DEAD_LETTER_STREAM).getStreamState().getMsgCount() == 2);

        Map<String, String> reasons = new HashMap<>();
        for (long sequence = 1; sequence <= 2; sequence++) {
            MessageInfo copy = management.getMessage(DEAD_LETTER_STREAM, sequence);
            assertThat(copy.getHeaders().getFirst("DeadLetter-Exception-Class"))
                    .isEqualTo(PayloadDecodingException.class.getName());
            reasons.put(copy.getHeaders().getFirst("DeadLetter-Original-Sequence"),
                    copy.getHeaders().getFirst("DeadLetter-Exception-Message"));
        }
        assertThat(reasons.get("2"))
                .contains("Stream " + STREAM + " sequence 2")
                .contains("failed to decode the body as JSON to " + Order.class.getName() + " with Jackson");
        assertThat(reasons.get("4"))
                .contains("Stream " + STREAM + " sequence 4")
                .contains("Content-Type text/plain");
        assertThat(receiver.orders()).extracting(order -> order.id).doesNotContain("o-2", "o-4");
    }

    @Test
    void stringParameterGetsJsonText() {
        Receiver receiver = container.select(Receiver.class).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.texts().isEmpty());

        assertThat(receiver.texts()).containsExactly(JSON_TEXT);
    }

    /** The JSON payload. Jackson needs a public class with a no-argument constructor. */
    public static class Order {
        public String id;
        public int quantity;
    }

    @ApplicationScoped
    public static class Receiver {

        final List<Order> orders = new CopyOnWriteArrayList<>();
        final List<String> texts = new CopyOnWriteArrayList<>();

        // Tests read through these methods: a field read on the CDI client proxy sees null.
        List<Order> orders() {
            return orders;
        }

        List<String> texts() {
            return texts;
        }

        @Incoming("convert-orders")
        public void order(Order order) {
            orders.add(order);
        }

        @Incoming("convert-text")
        public void text(String payload) {
            texts.add(payload);
        }
    }
}
