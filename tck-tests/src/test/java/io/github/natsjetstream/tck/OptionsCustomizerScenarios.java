package io.github.natsjetstream.tck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.github.natsjetstream.connection.JetStreamOptionsCustomizer;
import io.github.natsjetstream.tck.runtime.ApplicationStartException;
import io.github.natsjetstream.tck.runtime.RunningApplication;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Options;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

/**
 * The {@code options-customizer} attribute: a {@code @Named} CDI bean changes the jnats options of
 * a channel's connection, and channels share a connection only when they name the same bean.
 */
public abstract class OptionsCustomizerScenarios extends ConnectorScenario {

    private static final String ORDERS = "tck-customized-orders";
    private static final String ORDERS_COPY = "tck-customized-orders-copy";
    private static final String AUDIT = "tck-customized-audit";
    private static final String PLAIN = "tck-customized-plain";

    /**
     * Records the channels it customizes and the connections that report {@code CONNECTED} to the
     * listener it adds, and names each connection after the bean.
     */
    public abstract static class RecordingCustomizer implements JetStreamOptionsCustomizer {

        private final List<String> channels = new CopyOnWriteArrayList<>();
        private final List<Connection> connections = new CopyOnWriteArrayList<>();

        protected abstract String connectionName();

        @Override
        public void customize(String channel, Options.Builder options) {
            channels.add(channel);
            options.connectionName(connectionName());
            options.connectionListener((connection, type) -> {
                if (type == ConnectionListener.Events.CONNECTED) {
                    connections.add(connection);
                }
            });
        }

        public List<String> channels() {
            return List.copyOf(channels);
        }

        public List<Connection> connections() {
            return List.copyOf(connections);
        }
    }

    @ApplicationScoped
    @Named("orders-options")
    public static class OrdersCustomizer extends RecordingCustomizer {

        @Override
        protected String connectionName() {
            return "orders-connection";
        }
    }

    @ApplicationScoped
    @Named("audit-options")
    public static class AuditCustomizer extends RecordingCustomizer {

        @Override
        protected String connectionName() {
            return "audit-connection";
        }
    }

    @ApplicationScoped
    @Named("failing-options")
    public static class FailingCustomizer implements JetStreamOptionsCustomizer {

        @Override
        public void customize(String channel, Options.Builder options) {
            throw new IllegalStateException("no options for " + channel);
        }
    }

    @ApplicationScoped
    @Named("twin-options")
    public static class FirstTwinCustomizer implements JetStreamOptionsCustomizer {

        @Override
        public void customize(String channel, Options.Builder options) {
        }
    }

    @ApplicationScoped
    @Named("twin-options")
    public static class SecondTwinCustomizer implements JetStreamOptionsCustomizer {

        @Override
        public void customize(String channel, Options.Builder options) {
        }
    }

    @ApplicationScoped
    public static class Sender {

        @Inject
        @Channel(ORDERS)
        Emitter<String> orders;

        @Inject
        @Channel(ORDERS_COPY)
        Emitter<String> ordersCopy;

        @Inject
        @Channel(AUDIT)
        Emitter<String> audit;

        @Inject
        @Channel(PLAIN)
        Emitter<String> plain;

        public List<CompletionStage<Void>> sendToEach(String payload) {
            return List.of(orders.send(payload), ordersCopy.send(payload), audit.send(payload), plain.send(payload));
        }
    }

    @ApplicationScoped
    public static class InvoiceConsumer {

        @Incoming("tck-customized-invoices")
        public void consume(byte[] payload) {
        }
    }

    @Test
    void customizersConfigureSeparateConnections() {
        TestNames names = TestNames.random("tck-customizer");
        admin.createStream(names.derivedStream(), names.allSubjects());
        List<String> connectorLog = new CopyOnWriteArrayList<>();
        Handler capture = recordMessages(connectorLog);
        Logger connectionEvents = Logger.getLogger("io.github.natsjetstream.connection.ConnectionEvents");
        connectionEvents.addHandler(capture);

        try {
            RunningApplication application = startApplication(config()
                            .outgoing(ORDERS, Map.of("subject", names.subject("orders"),
                                    "options-customizer", "orders-options"))
                            .outgoing(ORDERS_COPY, Map.of("subject", names.subject("orders"),
                                    "options-customizer", "orders-options"))
                            .outgoing(AUDIT, Map.of("subject", names.subject("audit"),
                                    "options-customizer", "audit-options"))
                            .outgoing(PLAIN, Map.of("subject", names.subject("plain"))),
                    Sender.class, OrdersCustomizer.class, AuditCustomizer.class);
            for (CompletionStage<Void> ack : application.bean(Sender.class).sendToEach("order-1")) {
                assertThat(ack.toCompletableFuture()).succeedsWithin(TIMEOUT);
            }

            RecordingCustomizer orders = application.bean(OrdersCustomizer.class);
            RecordingCustomizer audit = application.bean(AuditCustomizer.class);
            assertThat(orders.channels()).as("channels customized by orders-options").hasSize(1);
            assertThat(orders.channels().get(0)).isIn(ORDERS, ORDERS_COPY);
            assertThat(audit.channels()).as("channels customized by audit-options").containsExactly(AUDIT);

            Connection ordersConnection = awaitSingleConnection(orders);
            Connection auditConnection = awaitSingleConnection(audit);
            assertThat(ordersConnection).isNotSameAs(auditConnection);
            assertThat(ordersConnection.getOptions().getConnectionName()).isEqualTo("orders-connection");
            assertThat(auditConnection.getOptions().getConnectionName()).isEqualTo("audit-connection");
            assertThat(ordersConnection.getConnectedUrl()).endsWith(":" + server.port());
            assertThat(auditConnection.getConnectedUrl()).endsWith(":" + server.port());

            // One connection each for orders-options, audit-options and the plain channel, all still
            // reported to the connector's own listener next to the customizers' listeners.
            await("connector log of three opened connections").atMost(TIMEOUT)
                    .until(() -> connectorLog.stream().filter(line -> line.contains("opened")).count() == 3);
        } finally {
            connectionEvents.removeHandler(capture);
        }
        assertThat(new String(admin.message(names.derivedStream(), 1).getData(), UTF_8)).isEqualTo("order-1");
    }

    @Test
    void missingCustomizerBeanFailsStartup() {
        TestNames names = TestNames.random("tck-nocustomizer");

        List<String> messages = startupFailureMessages(config().incoming("tck-customized-invoices", Map.of(
                "subject", names.subject("invoices"),
                "durable", names.durable("missing"),
                "options-customizer", "no-such-options")));

        assertThat(messages).as("messages of the startup failure").anySatisfy(message -> assertThat(message)
                .contains("tck-customized-invoices")
                .contains("options-customizer")
                .contains("no-such-options")
                .contains("@Named(\"no-such-options\")"));
    }

    @Test
    void failingCustomizerFailsStartup() {
        TestNames names = TestNames.random("tck-failcustomizer");

        List<String> messages = startupFailureMessages(config().incoming("tck-customized-invoices", Map.of(
                "subject", names.subject("invoices"),
                "durable", names.durable("failing"),
                "options-customizer", "failing-options")), FailingCustomizer.class);

        assertThat(messages).as("messages of the startup failure").anySatisfy(message -> assertThat(message)
                .contains("tck-customized-invoices")
                .contains("failing-options")
                .contains("no options for tck-customized-invoices"));
    }

    /**
     * CDI makes two beans with one name a deployment problem, so the container rejects them before
     * the connector looks the name up. Either error names the bean.
     */
    @Test
    void duplicateCustomizerNameFailsStartup() {
        TestNames names = TestNames.random("tck-twincustomizer");

        List<String> messages = startupFailureMessages(config().incoming("tck-customized-invoices", Map.of(
                "subject", names.subject("invoices"),
                "durable", names.durable("twin"),
                "options-customizer", "twin-options")), FirstTwinCustomizer.class, SecondTwinCustomizer.class);

        assertThat(messages).as("messages of the startup failure")
                .anySatisfy(message -> assertThat(message).contains("twin-options"));
    }

    private static Connection awaitSingleConnection(RecordingCustomizer customizer) {
        await("CONNECTED event at the customizer's listener").atMost(TIMEOUT)
                .until(() -> !customizer.connections().isEmpty());
        assertThat(customizer.connections()).hasSize(1);
        return customizer.connections().get(0);
    }

    private static Handler recordMessages(List<String> messages) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(new SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Starts the application with {@link InvoiceConsumer} and the given beans, expects the start
     * to fail and returns the messages of the whole cause chain, including suppressed exceptions.
     */
    private List<String> startupFailureMessages(ApplicationConfig config, Class<?>... beans) {
        List<Class<?>> beanClasses = new ArrayList<>(List.of(beans));
        beanClasses.add(InvoiceConsumer.class);
        Throwable failure = catchThrowable(() -> startApplication(config, beanClasses.toArray(Class<?>[]::new)));

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
}
