package io.github.natsjetstream.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import io.github.natsjetstream.testing.NatsServerProcess;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The readiness and liveness checks on SmallRye Reactive Messaging and Weld SE, against a server
 * that the test kills and restarts.
 */
class HealthChecksTest {

    private static final String TOKEN = UUID.randomUUID().toString().substring(0, 8);

    private static NatsServerProcess server;
    private static WeldContainer container;

    @BeforeAll
    static void start() {
        server = NatsServerProcess.start();
        String prefix = "mp.messaging.incoming.health.";
        System.setProperty("mp.messaging.connector.nats-jetstream.servers", server.url());
        System.setProperty("mp.messaging.connector.nats-jetstream.shutdown-timeout", "1s");
        System.setProperty(prefix + "connector", "nats-jetstream");
        System.setProperty(prefix + "subject", "health-" + TOKEN + ".x");
        System.setProperty(prefix + "durable", "health-" + TOKEN);
        System.setProperty(prefix + "fetch-wait", "1s");
        ConfigProvider.getConfig();

        container = new Weld("health-checks").addBeanClass(Receiver.class).initialize();
    }

    @AfterAll
    static void stop() {
        if (container != null) {
            container.close();
        }
        server.close();
    }

    private static HealthCheckResponse readiness() {
        return container.select(HealthCheck.class, Readiness.Literal.INSTANCE).get().call();
    }

    private static HealthCheckResponse liveness() {
        return container.select(HealthCheck.class, Liveness.Literal.INSTANCE).get().call();
    }

    @Test
    void readinessFollowsConnection() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> readiness().getStatus() == HealthCheckResponse.Status.UP);
        assertThat(readiness().getData()).isPresent();
        assertThat(readiness().getData().get()).containsEntry("health", "ready");

        server.kill();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> readiness().getStatus() == HealthCheckResponse.Status.DOWN);
        assertThat(readiness().getData().get()).containsEntry("health", "disconnected");
        assertThat(liveness().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

        server.restart();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> readiness().getStatus() == HealthCheckResponse.Status.UP);
        assertThat(liveness().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @ApplicationScoped
    public static class Receiver {

        @Incoming("health")
        public void receive(byte[] payload) {
        }
    }
}
