package io.github.natsjetstream.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.natsjetstream.tck.runtime.ApplicationStartException;
import io.github.natsjetstream.testing.NatsServerProcess;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

/**
 * Invalid channel configuration fails the application's startup with a message that names the
 * channel, the attribute or the rejected value.
 */
public abstract class StartupErrorScenarios extends ConnectorScenario {

    private static final String CHANNEL = "tck-invoices";

    @ApplicationScoped
    public static class InvoiceConsumer {

        @Incoming(CHANNEL)
        public void consume(byte[] payload) {
        }
    }

    @Test
    void missingDurableNamesChannelAndAttribute() {
        TestNames names = TestNames.random("tck-nodurable");

        List<String> messages = startupFailureMessages(
                config().incoming(CHANNEL, Map.of("subject", names.subject("invoices"))));

        assertThat(messages).as("messages of the startup failure")
                .anySatisfy(message -> assertThat(message).contains(CHANNEL).contains("durable"));
    }

    @Test
    void unparsableDurationNamesValue() {
        TestNames names = TestNames.random("tck-duration");

        List<String> messages = startupFailureMessages(config().incoming(CHANNEL, Map.of(
                "subject", names.subject("invoices"),
                "durable", names.durable("duration"),
                "fetch-wait", "5 parsecs")));

        assertThat(messages).as("messages of the startup failure")
                .anySatisfy(message -> assertThat(message).contains("5 parsecs").contains("fetch-wait"));
    }

    @Test
    void unknownDeliverPolicyNamesValue() {
        TestNames names = TestNames.random("tck-policy");

        List<String> messages = startupFailureMessages(config().incoming(CHANNEL, Map.of(
                "subject", names.subject("invoices"),
                "durable", names.durable("policy"),
                "deliver-policy", "sometimes")));

        assertThat(messages).as("messages of the startup failure")
                .anySatisfy(message -> assertThat(message).contains("sometimes").contains("deliver-policy"));
    }

    @Test
    void zeroBatchSizeRejected() {
        TestNames names = TestNames.random("tck-batch-zero");

        List<String> messages = startupFailureMessages(config().incoming(CHANNEL, Map.of(
                "subject", names.subject("invoices"),
                "durable", names.durable("zero"),
                "batch-size", "0")));

        assertThat(messages).as("messages of the startup failure")
                .anySatisfy(message -> assertThat(message).contains("batch-size").contains(CHANNEL));
    }

    @Test
    void unreachableServerNamesUrl() {
        TestNames names = TestNames.random("tck-unreachable");
        // Nothing listens on a port that was just free, so the connection is refused at once.
        int port = NatsServerProcess.freePort();
        String url = "nats://127.0.0.1:" + port;

        List<String> messages = startupFailureMessages(ApplicationConfig.forServer(url).incoming(CHANNEL, Map.of(
                "subject", names.subject("invoices"),
                "durable", names.durable("unreachable"))));

        assertThat(messages).as("messages of the startup failure")
                .anySatisfy(message -> assertThat(message).contains("127.0.0.1:" + port));
    }

    @Test
    void disabledAutoCreateWithoutStreamFails() {
        TestNames names = TestNames.random("tck-nostream");
        String subject = names.subject("invoices");

        List<String> messages = startupFailureMessages(config().incoming(CHANNEL, Map.of(
                "subject", subject,
                "durable", names.durable("nostream"),
                "auto-create-stream", "false")));

        assertThat(messages).as("messages of the startup failure")
                .anySatisfy(message -> assertThat(message).contains(subject));
        assertThat(admin.streamNamesCapturing(subject)).as("streams capturing " + subject).isEmpty();
    }

    /**
     * Starts the application, expects the start to fail and returns the messages of the whole
     * cause chain, including suppressed exceptions.
     */
    private List<String> startupFailureMessages(ApplicationConfig config) {
        Throwable failure = catchThrowable(() -> startApplication(config, InvoiceConsumer.class));

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
