package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
import io.nats.client.support.JwtUtils;

/**
 * Creds file (user JWT and nkey seed) authentication against a nats-server in operator mode, and a
 * check that no log line at any level contains a seed.
 *
 * <p>The operator, account and user JWTs are signed here with jnats' {@link NKey} and
 * {@link JwtUtils}, as {@code nsc} would sign them, and the server reads the account JWTs from a
 * memory resolver. In operator mode the server has no {@code authorization} block and rejects
 * clients without a valid user JWT.
 */
class CredsFileAuthenticationTest {

    /** Account limits that allow JetStream without bounds; without them the account has no JetStream. */
    private static final String UNLIMITED = "\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,"
            + "\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1,\"mem_storage\":-1,\"disk_storage\":-1,"
            + "\"streams\":-1,\"consumer\":-1}";

    private static Path directory;
    private static NatsServerProcess server;
    private static final List<String> SEEDS = new CopyOnWriteArrayList<>();
    private static Path validCreds;
    private static Path revokedCreds;
    private static Path unknownAccountCreds;

    private AllLogRecords logs;
    private JetStreamConnector connector;
    private String names;

    @BeforeAll
    static void startOperatorServer() throws Exception {
        directory = Files.createTempDirectory("nats-creds-");
        NKey operator = NKey.createOperator(null);
        NKey account = NKey.createAccount(null);
        NKey systemAccount = NKey.createAccount(null);
        NKey unknownAccount = NKey.createAccount(null);
        NKey validUser = NKey.createUser(null);
        NKey revokedUser = NKey.createUser(null);
        NKey unknownAccountUser = NKey.createUser(null);

        // The server rejects every JWT of this user issued before the revocation time.
        long revokedBefore = JwtUtils.currentTimeSeconds() + 60;
        String accountClaims = "{\"type\":\"account\",\"version\":2," + UNLIMITED + ",\"revocations\":{\""
                + publicKey(revokedUser) + "\":" + revokedBefore + "}}";
        server = NatsServerProcess.startWithConfig("operator: " + jwt(operator, operator, "operator",
                "{\"type\":\"operator\",\"version\":2}") + "\n"
                + "system_account: " + publicKey(systemAccount) + "\n"
                + "resolver: MEMORY\n"
                + "resolver_preload: {\n"
                + "  " + publicKey(account) + ": " + jwt(operator, account, "app", accountClaims) + "\n"
                + "  " + publicKey(systemAccount) + ": " + jwt(operator, systemAccount, "system",
                        "{\"type\":\"account\",\"version\":2}") + "\n"
                + "}\n");

        validCreds = writeCreds(account, validUser, "valid");
        revokedCreds = writeCreds(account, revokedUser, "revoked");
        unknownAccountCreds = writeCreds(unknownAccount, unknownAccountUser, "unknown-account");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static String publicKey(NKey key) throws Exception {
        return new String(key.getPublicKey());
    }

    /** Returns a JWT for the subject's public key with the given {@code nats} claims, signed by the issuer. */
    private static String jwt(NKey issuer, NKey subject, String name, String natsClaims) throws Exception {
        return JwtUtils.issueJWT(issuer, publicKey(subject), name, Duration.ZERO, JwtUtils.currentTimeSeconds(),
                publicKey(issuer), () -> natsClaims);
    }

    /** Writes a creds file, as {@code nsc} does, for a user JWT that the account signs. */
    private static Path writeCreds(NKey account, NKey user, String name) throws Exception {
        String userJwt = JwtUtils.issueUserJWT(account, publicKey(account), publicKey(user), name);
        String seed = new String(user.getSeed());
        SEEDS.add(seed);
        Path file = directory.resolve(name + ".creds");
        Files.writeString(file, String.format(JwtUtils.NATS_USER_JWT_FORMAT, userJwt, seed));
        return file;
    }

    @BeforeEach
    void captureLogs() {
        logs = AllLogRecords.start();
        connector = new JetStreamConnector();
        names = "creds-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void checkLogs() {
        connector.shutdown(new Object());
        logs.close();
        assertThat(logs.lines()).as("log lines").isNotEmpty();
        for (String seed : SEEDS) {
            assertThat(logs.lines()).noneMatch(line -> line.contains(seed));
        }
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
    void credsFileAuthenticatesPublishAndConsume() throws Exception {
        String subject = names + ".x";

        publishOne(attributes("subject", subject, "creds-file", validCreds.toString()), "signed");
        List<Object> received = new CopyOnWriteArrayList<>();
        connector.getPublisherBuilder(TestConfigs.channel("in", attributes("subject", subject, "durable", names,
                        "creds-file", validCreds.toString(), "payload-type", "string")))
                .forEach(incoming -> {
                    received.add(incoming.getPayload());
                    incoming.ack();
                })
                .run();

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received).containsExactly("signed");
    }

    @Test
    void revokedUserFailsStartup() {
        assertStartupRejected(revokedCreds);
    }

    @Test
    void userOfUnknownAccountFailsStartup() {
        assertStartupRejected(unknownAccountCreds);
    }

    @Test
    void anonymousConnectIsRejected() {
        assertThatThrownBy(() -> connector.getSubscriberBuilder(TestConfigs.channel("out",
                attributes("subject", names + ".x"))))
                .hasMessageContaining("'out'")
                .hasMessageContaining("Authorization Violation");
    }

    private void assertStartupRejected(Path creds) {
        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in",
                attributes("subject", names + ".x", "durable", names, "creds-file", creds.toString()))))
                .hasMessageContaining("'in'")
                .hasMessageContaining("Authorization Violation")
                .satisfies(error -> {
                    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                        for (String seed : SEEDS) {
                            assertThat(String.valueOf(cause.getMessage())).doesNotContain(seed);
                        }
                    }
                });
    }

    /** Publishes one message through a new outgoing channel and waits for its PubAck. */
    private void publishOne(Map<String, String> attributes, String payload) throws Exception {
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
                .getSubscriberBuilder(TestConfigs.channel("out", attributes));

        ReactiveStreams.<Message<?>>of(message).to(sink).run();
        acked.get(10, TimeUnit.SECONDS);
    }
}
