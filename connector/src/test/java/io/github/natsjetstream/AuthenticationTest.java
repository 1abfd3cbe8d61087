package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;
import org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.natsjetstream.testing.NatsServerProcess;
import io.nats.client.NKey;

/**
 * User and password authentication against a nats-server whose only users are in an account, and
 * a check that no log line at any level contains the password.
 */
class AuthenticationTest {

    private static final String USER = "alice";
    private static final String PASSWORD = "pl4nted-S3cret-" + UUID.randomUUID().toString().substring(0, 6);

    private static NatsServerProcess server;
    private static Path nkeySeedFile;
    private static String nkeySeed;

    private AllLogRecords logs;
    private JetStreamConnector connector;
    private String token;

    @BeforeAll
    static void startServer() throws Exception {
        NKey userKey = NKey.createUser(null);
        nkeySeed = new String(userKey.getSeed());
        nkeySeedFile = Files.createTempFile("nats-user-", ".nk");
        Files.writeString(nkeySeedFile, nkeySeed);

        server = NatsServerProcess.startWithConfig("accounts {\n  APP: {\n    jetstream: enabled\n"
                + "    users: [ { user: " + USER + ", password: \"" + PASSWORD + "\" },\n"
                + "             { nkey: " + new String(userKey.getPublicKey()) + " } ]\n  }\n}\n");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
        Files.deleteIfExists(nkeySeedFile);
    }

    @BeforeEach
    void captureLogs() {
        logs = AllLogRecords.start();
        connector = new JetStreamConnector();
        token = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopCapture() {
        connector.shutdown(new Object());
        logs.close();
        List<String> logLines = logs.lines();
        assertThat(logLines).as("log lines").isNotEmpty();
        assertThat(logLines).noneMatch(line -> line.contains(PASSWORD));
        assertThat(logLines).noneMatch(line -> line.contains(nkeySeed));
    }

    private Map<String, String> attributes(String... pairs) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("servers", server.url());
        attributes.put("shutdown-timeout", "1s");
        attributes.put("connection-timeout", "1s");
        for (int i = 0; i < pairs.length; i += 2) {
            attributes.put(pairs[i], pairs[i + 1]);
        }
        return attributes;
    }

    @Test
    void passwordAuthenticatesPublishAndConsume() throws Exception {
        String subject = "auth-" + token + ".x";
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<String> message = Message.of("secured", () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            acked.completeExceptionally(reason);
            return CompletableFuture.completedFuture(null);
        });
        @SuppressWarnings("unchecked")
        SubscriberBuilder<Message<?>, Void> sink = (SubscriberBuilder<Message<?>, Void>) connector
                .getSubscriberBuilder(TestConfigs.channel("out", attributes("subject", subject,
                        "username", USER, "password", PASSWORD)));
        ReactiveStreams.<Message<?>>of(message).to(sink).run();
        acked.get(10, TimeUnit.SECONDS);

        List<Object> received = new ArrayList<>();
        connector.getPublisherBuilder(TestConfigs.channel("in", attributes("subject", subject, "durable",
                "d" + token, "username", USER, "password", PASSWORD, "payload-type", "string")))
                .forEach(incoming -> {
                    received.add(incoming.getPayload());
                    incoming.ack();
                })
                .run();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received).containsExactly("secured");
    }

    @Test
    void wrongPasswordFailsStartupWithoutSecret() {
        String wrong = "wrong-" + PASSWORD;

        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in",
                attributes("subject", "x", "durable", "d", "username", USER, "password", wrong))))
                .hasMessageContaining("'in'")
                .hasMessageContaining("Authorization Violation")
                .satisfies(error -> {
                    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                        assertThat(String.valueOf(cause.getMessage())).doesNotContain(wrong);
                    }
                });
        assertThat(logs.lines()).noneMatch(line -> line.contains(wrong));
    }

    @Test
    void anonymousConnectIsRejected() {
        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in",
                attributes("subject", "x", "durable", "d"))))
                .hasMessageContaining("'in'")
                .hasMessageContaining("Authorization Violation");
    }

    @Test
    void passwordInUrlIsNeverLogged() throws Exception {
        Map<String, String> attributes = attributes("subject", "url-" + token + ".x");
        attributes.put("servers", "nats://" + USER + ":" + PASSWORD + "@127.0.0.1:" + server.port());

        connector.getSubscriberBuilder(TestConfigs.channel("out", attributes));

        assertThat(logs.lines()).anyMatch(line -> line.contains("127.0.0.1:" + server.port()));
    }

    @Test
    void nkeySeedFileAuthenticates() throws Exception {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<String> message = Message.of("signed", () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            acked.completeExceptionally(reason);
            return CompletableFuture.completedFuture(null);
        });
        @SuppressWarnings("unchecked")
        SubscriberBuilder<Message<?>, Void> sink = (SubscriberBuilder<Message<?>, Void>) connector
                .getSubscriberBuilder(TestConfigs.channel("out", attributes("subject", "nkey-" + token + ".x",
                        "nkey-seed-file", nkeySeedFile.toString())));
        ReactiveStreams.<Message<?>>of(message).to(sink).run();

        acked.get(10, TimeUnit.SECONDS);
        assertThat(acked).isCompleted();
    }
}
