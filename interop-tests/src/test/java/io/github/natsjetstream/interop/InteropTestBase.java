package io.github.natsjetstream.interop;

import io.github.natsjetstream.testing.NatsServerProcess;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of the interop tests. It starts one nats-server per test class on a free port and a
 * jnats admin connection to it, and stops the applications and Node.js scripts of each test after
 * that test. Every test gets its own stream, subjects and durables from {@link #names}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InteropTestBase {

    protected NatsServerProcess server;
    protected StreamAdmin admin;
    /** Names that start with a prefix unique to the running test. */
    protected Names names;

    private final List<AutoCloseable> started = new ArrayList<>();
    private String testName = "test";

    @BeforeAll
    void startServer() {
        server = NatsServerProcess.start();
        admin = StreamAdmin.connect(server.url());
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
    void chooseNames(TestInfo testInfo) {
        testName = testInfo.getTestMethod().map(Method::getName).orElse("test");
        names = new Names("interop-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Stops the applications and kills the scripts of the test, the last started first. */
    @AfterEach
    void stopStarted() throws Exception {
        Exception failure = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        started.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** Starts an application that is stopped after the test. */
    protected InteropApplication startApplication(Map<String, String> properties, Class<?>... beanClasses) {
        InteropApplication application = InteropApplication.start(testName, properties, beanClasses);
        started.add(application);
        return application;
    }

    /** Starts a Node.js script against this class's server and kills it after the test if it is still running. */
    protected NodeProcess startNode(String script, Map<String, Object> request) {
        NodeProcess process = NodeScript.start(script, request, server.url(), testName);
        started.add(process);
        return process;
    }

    /** Returns the properties that connect every channel of the connector to this class's server. */
    protected Map<String, String> connectorConfig() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("mp.messaging.connector.nats-jetstream.servers", server.url());
        return properties;
    }

    /** Adds an incoming or outgoing channel of the connector with its attributes to the properties. */
    protected static void channel(Map<String, String> properties, String direction, String channel,
            Map<String, String> attributes) {
        String prefix = "mp.messaging." + direction + "." + channel + ".";
        properties.put(prefix + "connector", "nats-jetstream");
        attributes.forEach((attribute, value) -> properties.put(prefix + attribute, value));
    }

    /** Stream, subject and durable names under one prefix, so that tests never share them. */
    protected record Names(String prefix) {

        /** Returns the stream name, the prefix upper-cased with {@code -} replaced by {@code _}. */
        String stream() {
            return prefix.toUpperCase().replace('-', '_');
        }

        String subject(String suffix) {
            return prefix + "." + suffix;
        }

        String durable(String suffix) {
            return prefix + "-" + suffix;
        }
    }
}
