package io.github.natsjetstream.tck;

import static org.awaitility.Awaitility.await;

import io.github.natsjetstream.tck.runtime.MessagingRuntime;
import io.github.natsjetstream.tck.runtime.RunningApplication;
import io.github.natsjetstream.testing.NatsServerProcess;
import io.nats.client.api.ConsumerInfo;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of every scenario class: one nats-server per test class, a jnats admin connection to
 * it, and the applications a test starts, which are stopped after each test.
 *
 * <p>A runtime runs the scenarios by extending a scenario class and implementing
 * {@link #runtime()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConnectorScenario {

    /** How long a test waits for something that should happen within a few fetches. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(20);

    /**
     * The fetch wait that channels of the scenarios use, so a consumer that waits for new
     * messages notices them within half a second.
     */
    protected static final String FETCH_WAIT = "500ms";

    protected NatsServerProcess server;
    protected JetStreamAdmin admin;

    private final List<RunningApplication> applications = new ArrayList<>();
    private String testName = "test";

    /**
     * Returns the runtime that starts the applications of the scenarios.
     */
    protected abstract MessagingRuntime runtime();

    @BeforeAll
    void startServer() {
        server = NatsServerProcess.start();
        admin = JetStreamAdmin.connect(server.url());
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        try {
            if (admin != null) {
                admin.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @BeforeEach
    void rememberTestName(TestInfo testInfo) {
        testName = testInfo.getTestMethod().map(Method::getName).orElse("test");
    }

    @AfterEach
    void stopApplications() {
        RuntimeException failure = null;
        for (int i = applications.size() - 1; i >= 0; i--) {
            try {
                applications.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        applications.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Returns a configuration builder pointed at this class's server.
     */
    protected ApplicationConfig config() {
        return ApplicationConfig.forServer(server.url());
    }

    /**
     * Starts an application that is stopped after the test, unless the test stops it before.
     */
    protected RunningApplication startApplication(ApplicationConfig config, Class<?>... beanClasses) {
        RunningApplication application = runtime().start(testName, config.toMap(), List.of(beanClasses));
        applications.add(application);
        return application;
    }

    /**
     * Waits until the durable consumer exists, for example before publishing messages that a
     * consumer with deliver policy {@code new} must receive.
     */
    protected ConsumerInfo awaitConsumer(String stream, String durable) {
        return await("consumer " + durable + " on stream " + stream)
                .atMost(TIMEOUT)
                .until(() -> admin.findConsumer(stream, durable), Optional::isPresent)
                .orElseThrow();
    }

    /**
     * Waits until the durable consumer's ack floor reaches the stream sequence, which means every
     * message of the consumer up to that sequence was acknowledged.
     */
    protected void awaitAckFloor(String stream, String durable, long streamSequence) {
        await("ack floor at stream sequence " + streamSequence + " of consumer " + durable)
                .atMost(TIMEOUT)
                .until(() -> admin.consumerInfo(stream, durable).getAckFloor().getStreamSequence(),
                        floor -> floor >= streamSequence);
    }

    /**
     * Sleeps for a fixed time, for tests that check that nothing more happens in that time.
     */
    protected static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
