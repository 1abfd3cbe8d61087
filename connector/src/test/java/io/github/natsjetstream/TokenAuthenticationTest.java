package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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

/**
 * Token authentication, and a check that no log line at any level contains the token.
 *
 * <p>nats-server accepts tokens only in an {@code authorization} block. With nats-server 2.9, such a
 * block next to an {@code accounts} block that defines {@code $SYS} lets anonymous clients in, so
 * this server has no {@code accounts} block, and {@link #anonymousConnectIsRejected()} checks that
 * the block does reject clients without the token.
 */
class TokenAuthenticationTest {

    private static final String TOKEN = "pl4nted-T0ken-" + UUID.randomUUID().toString().substring(0, 6);

    private static NatsServerProcess server;

    private AllLogRecords logs;
    private JetStreamConnector connector;
    private String names;

    @BeforeAll
    static void startServer() {
        server = NatsServerProcess.startWithConfig("authorization {\n  token: \"" + TOKEN + "\"\n}\n");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void captureLogs() {
        logs = AllLogRecords.start();
        connector = new JetStreamConnector();
        names = "token-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void checkLogs() {
        connector.shutdown(new Object());
        logs.close();
        assertThat(logs.lines()).as("log lines").isNotEmpty();
        assertThat(logs.lines()).noneMatch(line -> line.contains(TOKEN));
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
    void tokenAuthenticatesPublishAndConsume() throws Exception {
        String subject = names + ".x";

        publishOne("out", attributes("subject", subject, "token", TOKEN), "secured");
        List<Object> received = new CopyOnWriteArrayList<>();
        connector.getPublisherBuilder(TestConfigs.channel("in", attributes("subject", subject, "durable", names,
                        "token", TOKEN, "payload-type", "string")))
                .forEach(incoming -> {
                    received.add(incoming.getPayload());
                    incoming.ack();
                })
                .run();

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received).containsExactly("secured");
    }

    @Test
    void wrongTokenFailsStartupWithoutSecret() {
        String wrong = "wrong-" + TOKEN;

        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in",
                attributes("subject", names + ".x", "durable", names, "token", wrong))))
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
        assertThatThrownBy(() -> connector.getSubscriberBuilder(TestConfigs.channel("out",
                attributes("subject", names + ".x"))))
                .hasMessageContaining("'out'")
                .hasMessageContaining("Authorization Violation");
    }

    @Test
    void tokenInUrlAuthenticatesAndIsNeverLogged() throws Exception {
        Map<String, String> attributes = attributes("subject", names + ".x");
        attributes.put("servers", "nats://" + TOKEN + "@127.0.0.1:" + server.port());

        publishOne("out", attributes, "via url");

        assertThat(logs.lines()).anyMatch(line -> line.contains("127.0.0.1:" + server.port()));
    }

    /** Publishes one message through a new outgoing channel and waits for its PubAck. */
    private void publishOne(String channel, Map<String, String> attributes, String payload) throws Exception {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<String> message = Message.of(payload, () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            acked.completeExceptionally(reason);
            return CompletableFuture.completedFuture(null);
        });
        @SuppressWarnings("unchecked")
        SubscriberBuilder<Message<?>, Void> sink = (SubscriberBuilder<Message<?>, Void>) connector
                .getSubscriberBuilder(TestConfigs.channel(channel, attributes));

        ReactiveStreams.<Message<?>>of(message).to(sink).run();
        acked.get(10, TimeUnit.SECONDS);
    }
}
