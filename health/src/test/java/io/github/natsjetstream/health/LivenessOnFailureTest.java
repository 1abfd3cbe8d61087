package io.github.natsjetstream.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.github.natsjetstream.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A channel that fails with {@code failure-strategy=fail} turns liveness and readiness DOWN and is
 * named in both responses, while the other channels stay ready and keep working.
 *
 * <p>The application's configuration is registered for its own class loader, which is the context
 * class loader while Weld starts and stops, so it does not mix with the system properties that
 * {@link HealthChecksTest} sets in the same JVM.
 */
class LivenessOnFailureTest {

    private static final String TOKEN = UUID.randomUUID().toString().substring(0, 8);
    private static final String FRAGILE_SUBJECT = "fragile-" + TOKEN + ".x";
    private static final String STEADY_SUBJECT = "steady-" + TOKEN + ".x";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static NatsServerProcess server;
    private static ClassLoader applicationLoader;
    private static SmallRyeConfig config;
    private static WeldContainer container;
    private static Connection publisher;

    @BeforeAll
    static void start() throws Exception {
        server = NatsServerProcess.start();
        applicationLoader = new ClassLoader("liveness-on-failure", LivenessOnFailureTest.class.getClassLoader()) {
        };
        config = new SmallRyeConfigBuilder()
                .forClassLoader(applicationLoader)
                .withSources(new PropertiesConfigSource(properties(), "liveness test", 1000))
                .build();
        ConfigProviderResolver.instance().registerConfig(config, applicationLoader);

        container = withApplicationLoader(() -> new Weld("liveness-on-failure")
                .skipShutdownHook()
                .addBeanClasses(Consumers.class, Sender.class)
                .initialize());
        publisher = Nats.connect(server.url());
    }

    private static Map<String, String> properties() {
        String incoming = "mp.messaging.incoming.";
        return Map.ofEntries(
                Map.entry("mp.messaging.connector.nats-jetstream.servers", server.url()),
                Map.entry("mp.messaging.connector.nats-jetstream.shutdown-timeout", "1s"),
                Map.entry("mp.messaging.connector.nats-jetstream.fetch-wait", "1s"),
                Map.entry(incoming + "fragile.connector", "nats-jetstream"),
                Map.entry(incoming + "fragile.subject", FRAGILE_SUBJECT),
                Map.entry(incoming + "fragile.durable", "fragile-" + TOKEN),
                Map.entry(incoming + "fragile.failure-strategy", "fail"),
                Map.entry(incoming + "steady.connector", "nats-jetstream"),
                Map.entry(incoming + "steady.subject", STEADY_SUBJECT),
                Map.entry(incoming + "steady.durable", "steady-" + TOKEN),
                Map.entry("mp.messaging.outgoing.steady-out.connector", "nats-jetstream"),
                Map.entry("mp.messaging.outgoing.steady-out.subject", STEADY_SUBJECT));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (publisher != null) {
                publisher.close();
            }
            if (container != null) {
                withApplicationLoader(() -> {
                    container.shutdown();
                    return null;
                });
            }
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
            server.close();
        }
    }

    private static <T> T withApplicationLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(applicationLoader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static HealthCheckResponse readiness() {
        return container.select(HealthCheck.class, Readiness.Literal.INSTANCE).get().call();
    }

    private static HealthCheckResponse liveness() {
        return container.select(HealthCheck.class, Liveness.Literal.INSTANCE).get().call();
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }

    @Test
    void failedChannelTurnsLivenessDown() throws Exception {
        await("all channels ready").atMost(WAIT)
                .until(() -> readiness().getStatus() == HealthCheckResponse.Status.UP);
        assertThat(liveness().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(liveness())).containsOnlyKeys("fragile", "steady", "steady-out");

        publisher.jetStream().publish(FRAGILE_SUBJECT, "poison".getBytes(StandardCharsets.UTF_8));

        await("liveness DOWN").atMost(WAIT)
                .until(() -> liveness().getStatus() == HealthCheckResponse.Status.DOWN);
        HealthCheckResponse liveness = liveness();
        assertThat(liveness.getName()).isEqualTo("nats-jetstream-liveness");
        assertThat(data(liveness).get("fragile")).asString()
                .startsWith("failed: ")
                .contains("Channel 'fragile' failed")
                .contains("failure-strategy=fail");
        assertThat(data(liveness)).containsEntry("steady", "ready").containsEntry("steady-out", "ready");

        HealthCheckResponse readiness = readiness();
        assertThat(readiness.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(readiness).get("fragile")).asString().startsWith("failed: ");
        assertThat(data(readiness)).containsEntry("steady", "ready").containsEntry("steady-out", "ready");

        // The other channels still carry messages after the failure.
        Sender sender = container.select(Sender.class).get();
        assertThat(sender.send("after the failure").toCompletableFuture()).succeedsWithin(WAIT);
        Consumers consumers = container.select(Consumers.class).get();
        await("steady delivery").atMost(WAIT).until(() -> consumers.steadyPayloads().contains("after the failure"));
    }

    @ApplicationScoped
    public static class Consumers {

        private final List<String> steadyPayloads = new CopyOnWriteArrayList<>();

        @Incoming("fragile")
        public void fragile(byte[] payload) {
            throw new IllegalArgumentException("Rejected payload " + new String(payload, StandardCharsets.UTF_8));
        }

        @Incoming("steady")
        public void steady(byte[] payload) {
            steadyPayloads.add(new String(payload, StandardCharsets.UTF_8));
        }

        public List<String> steadyPayloads() {
            return List.copyOf(steadyPayloads);
        }
    }

    @ApplicationScoped
    public static class Sender {

        @Inject
        @Channel("steady-out")
        Emitter<byte[]> steady;

        public CompletionStage<Void> send(String payload) {
            return steady.send(payload.getBytes(StandardCharsets.UTF_8));
        }
    }
}
