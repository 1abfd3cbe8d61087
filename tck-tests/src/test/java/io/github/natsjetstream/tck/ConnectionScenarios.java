package io.github.natsjetstream.tck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.natsjetstream.tck.runtime.RunningApplication;
import io.github.natsjetstream.testing.NatsServerProcess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.junit.jupiter.api.Test;

/**
 * The {@code servers} attribute: a list of URLs, and a channel value that overrides the
 * connector-wide one.
 */
public abstract class ConnectionScenarios extends ConnectorScenario {

    private static final String CHANNEL = "tck-connected";

    @ApplicationScoped
    public static class Sender {

        @Inject
        @Channel(CHANNEL)
        Emitter<String> emitter;

        public CompletionStage<Void> send(String payload) {
            return emitter.send(payload);
        }
    }

    @Test
    void serverListSkipsUnreachableUrl() {
        TestNames names = TestNames.random("tck-servers");
        String stream = names.derivedStream();
        admin.createStream(stream, names.allSubjects());
        // Nothing listens on a port that was just free, so only the test server accepts the connection.
        String unreachable = "nats://127.0.0.1:" + NatsServerProcess.freePort();

        RunningApplication application = startApplication(
                config()
                        .connectorAttribute("servers", unreachable + "," + server.url())
                        .outgoing(CHANNEL, Map.of("subject", names.subject("orders"))),
                Sender.class);
        assertThat(application.bean(Sender.class).send("order-1").toCompletableFuture()).succeedsWithin(TIMEOUT);

        assertThat(new String(admin.message(stream, 1).getData(), UTF_8)).isEqualTo("order-1");
    }

    @Test
    void channelServersOverrideConnectorServers() {
        TestNames names = TestNames.random("tck-override");
        String stream = names.derivedStream();
        admin.createStream(stream, names.allSubjects());
        String unreachable = "nats://127.0.0.1:" + NatsServerProcess.freePort();

        RunningApplication application = startApplication(
                config()
                        .connectorAttribute("servers", unreachable)
                        .outgoing(CHANNEL, Map.of("subject", names.subject("orders"), "servers", server.url())),
                Sender.class);
        assertThat(application.bean(Sender.class).send("order-1").toCompletableFuture()).succeedsWithin(TIMEOUT);

        assertThat(new String(admin.message(stream, 1).getData(), UTF_8)).isEqualTo("order-1");
    }
}
