package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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

/**
 * TLS and mutual TLS against a nats-server that requires client certificates. The certificates
 * are made for each run with openssl and keytool in a temporary directory.
 */
class TlsTest {

    private static final String STORE_PASSWORD = "store-" + UUID.randomUUID().toString().substring(0, 6);

    private static Path certificates;
    private static NatsServerProcess server;

    private JetStreamConnector connector;
    private String token;

    @BeforeAll
    static void startTlsServer() throws Exception {
        certificates = Files.createTempDirectory("nats-tls-");
        makeAuthority("ca");
        makeAuthority("other-ca");
        makeSignedCertificate("server", "ca");
        makeSignedCertificate("client", "ca");
        run("keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "truststore.p12",
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        run("keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", "other-ca.pem", "-keystore",
                "other-truststore.p12", "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        run("openssl", "pkcs12", "-export", "-in", "client.pem", "-inkey", "client.key", "-out", "client.p12",
                "-passout", "pass:" + STORE_PASSWORD, "-name", "client");

        server = NatsServerProcess.startWithConfig("tls {\n"
                + "  cert_file: \"" + certificates.resolve("server.pem") + "\"\n"
                + "  key_file: \"" + certificates.resolve("server.key") + "\"\n"
                + "  ca_file: \"" + certificates.resolve("ca.pem") + "\"\n"
                + "  verify: true\n}\n");
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
        try (var paths = Files.walk(certificates)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void makeAuthority(String name) throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out",
                name + ".pem", "-days", "2", "-subj", "/CN=" + name);
    }

    private static void makeSignedCertificate(String name, String authority) throws Exception {
        Files.writeString(certificates.resolve(name + ".ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=" + name);
        run("openssl", "x509", "-req", "-in", name + ".csr", "-CA", authority + ".pem", "-CAkey", authority + ".key",
                "-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(certificates.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    @BeforeEach
    void createConnector() {
        connector = new JetStreamConnector();
        token = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void shutdownConnector() {
        connector.shutdown(new Object());
    }

    private Map<String, String> attributes(String... pairs) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("servers", "tls://127.0.0.1:" + server.port());
        attributes.put("shutdown-timeout", "1s");
        attributes.put("connection-timeout", "2s");
        for (int i = 0; i < pairs.length; i += 2) {
            attributes.put(pairs[i], pairs[i + 1]);
        }
        return attributes;
    }

    private Map<String, String> mutualTls(String... pairs) {
        Map<String, String> attributes = attributes(pairs);
        attributes.put("tls-truststore", certificates.resolve("truststore.p12").toString());
        attributes.put("tls-truststore-password", STORE_PASSWORD);
        attributes.put("tls-keystore", certificates.resolve("client.p12").toString());
        attributes.put("tls-keystore-password", STORE_PASSWORD);
        return attributes;
    }

    @Test
    void mutualTlsPublishes() throws Exception {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<String> message = Message.of("over tls", () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            acked.completeExceptionally(reason);
            return CompletableFuture.completedFuture(null);
        });
        @SuppressWarnings("unchecked")
        SubscriberBuilder<Message<?>, Void> sink = (SubscriberBuilder<Message<?>, Void>) connector
                .getSubscriberBuilder(TestConfigs.channel("out", mutualTls("subject", "tls-" + token + ".x")));
        ReactiveStreams.<Message<?>>of(message).to(sink).run();

        acked.get(10, TimeUnit.SECONDS);
        assertThat(acked).isCompleted();
    }

    @Test
    void wrongAuthorityFailsStartup() {
        Map<String, String> attributes = mutualTls("subject", "x", "durable", "d");
        attributes.put("tls-truststore", certificates.resolve("other-truststore.p12").toString());

        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in", attributes)))
                .hasMessageContaining("'in'")
                .hasMessageContaining("tls://127.0.0.1:" + server.port())
                .hasMessageContaining("Last error")
                .hasMessageContaining("certificate");
    }

    @Test
    void missingClientCertificateFailsStartup() {
        Map<String, String> attributes = mutualTls("subject", "x", "durable", "d");
        attributes.remove("tls-keystore");
        attributes.remove("tls-keystore-password");

        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in", attributes)))
                .hasMessageContaining("'in'")
                .hasMessageContaining("tls://127.0.0.1:" + server.port())
                .hasMessageContaining("Last error");
    }

    @Test
    void plaintextUrlFailsStartup() {
        Map<String, String> attributes = attributes("subject", "x", "durable", "d");
        attributes.put("servers", "nats://127.0.0.1:" + server.port());

        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in", attributes)))
                .hasMessageContaining("'in'")
                .hasMessageContaining("nats://127.0.0.1:" + server.port())
                .hasMessageContaining("Last error");
    }

    @Test
    void missingTrustStoreFileIsConfigError() {
        Map<String, String> attributes = mutualTls("subject", "x", "durable", "d");
        attributes.put("tls-truststore", "/nonexistent/truststore.p12");

        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in", attributes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tls-truststore'")
                .hasMessageContaining("/nonexistent/truststore.p12")
                .hasMessageContaining("readable file");
    }

    @Test
    void severalAuthMethodsAreRejected() {
        Map<String, String> attributes = mutualTls("subject", "x", "durable", "d", "token", "t",
                "username", "u", "password", "p");

        assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel("in", attributes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("several authentication methods")
                .hasMessageContaining("token");
    }
}
