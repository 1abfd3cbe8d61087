package io.github.natsjetstream.samples.quickstart;

import io.github.natsjetstream.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Runs the order pipeline once, checks the outcome and prints a summary.
 *
 * <p>The server list comes from the system property {@code servers}, else from the environment
 * variable {@code NATS_URL}, else it is {@code nats://localhost:4222}. When nothing accepts TCP
 * connections at any of those addresses, the quickstart starts {@code nats-server -js} on a free
 * 127.0.0.1 port with a temporary store and stops it at the end.
 *
 * <p>Exit status: 0 when every check passes, 1 when a check or the run fails, 2 when the run does
 * not end within {@link #HARD_LIMIT}.
 */
public final class QuickstartMain {

    static final String SERVERS_PROPERTY = "servers";
    static final String SERVERS_ENVIRONMENT_VARIABLE = "NATS_URL";
    static final String DEFAULT_SERVERS = "nats://localhost:4222";
    /** Connector-wide attribute, read by every channel. System properties override microprofile-config.properties. */
    static final String CONNECTOR_SERVERS_PROPERTY = "mp.messaging.connector.nats-jetstream.servers";

    /** Time for publishing all orders and receiving all results. */
    static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(60);
    /** Time for the server to apply the last acks after the connector has shut down. */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);
    /** Limit for the whole run, including start-up and shutdown. */
    static final Duration HARD_LIMIT = Duration.ofSeconds(180);

    static final List<ConsumerChecks.Target> CONSUMERS = List.of(
            new ConsumerChecks.Target("orders.created", "order-processor"),
            new ConsumerChecks.Target("orders.processed", "order-auditor"));

    static {
        // 'mvn -q' sets this property to 'error' for Maven's own logger, and under exec:java
        // slf4j-simple would read it too and hide every log line of the run. The levels come from
        // simplelogger.properties instead. This must run before the first LoggerFactory call.
        System.clearProperty("org.slf4j.simpleLogger.defaultLogLevel");
    }

    private static final Logger LOG = LoggerFactory.getLogger(QuickstartMain.class);

    private QuickstartMain() {
    }

    public static void main(String[] args) {
        // jnats' default error listener, used by the check connection, writes to java.util.logging. So
        // does java.lang.System.Logger when slf4j-jdk-platform-logging is not on the system class path,
        // as under exec:java. The bridge sends those records to slf4j-simple as well.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        ServerHolder server = new ServerHolder();
        Thread watchdog = startWatchdog(server);

        int status = run(server);
        // Under exec:java the JVM is Maven's and outlives this method, so the watchdog must stop here.
        watchdog.interrupt();
        if (status != 0) {
            System.exit(status);
        }
    }

    private static int run(ServerHolder server) {
        try {
            String servers = server.resolve();
            System.setProperty(CONNECTOR_SERVERS_PROPERTY, servers);
            // Builds the configuration for this thread's context class loader after the property is
            // set. Under exec:java, SmallRye Config's CDI producer otherwise fails at start-up with
            // SRCFG00015 (no configuration for the class loader).
            ConfigProvider.getConfig();

            String runId = UUID.randomUUID().toString().substring(0, 8);
            List<Order> orders = OrderFile.load(runId);
            LOG.info("Run {}: {} orders from {}, servers {}", runId, orders.size(), OrderFile.RESOURCE,
                    Servers.redact(servers));

            PipelineOutcome outcome = runPipeline(runId, orders);

            List<Check> checks = new ArrayList<>(MessageChecks.verify(orders, outcome.published(), outcome.ledger()));
            checks.addAll(checkConsumers(servers));

            return printSummary(runId, server.describe(), orders, checks);
        } catch (Exception e) {
            LOG.error("The quickstart run failed", e);
            System.out.println("QUICKSTART FAILED: " + e);
            return 1;
        } finally {
            server.stop();
        }
    }

    /**
     * Boots Weld, which starts the connector's channels, publishes the orders, waits for their
     * results and shuts Weld down, which shuts the connector down.
     */
    private static PipelineOutcome runPipeline(String runId, List<Order> orders) throws InterruptedException {
        WeldContainer container = new Weld().initialize();
        try {
            Instant deadline = Instant.now().plus(PIPELINE_TIMEOUT);
            OrderPublisher publisher = container.select(OrderPublisher.class).get();
            OrderLedger ledger = container.select(OrderLedger.class).get();

            OrderPublisher.PublishOutcome published = publisher.publishAll(orders, deadline);
            LOG.info("Run {}: {} of {} orders got a PubAck", runId, published.acknowledged().size(), orders.size());

            awaitResults(ledger, runId, orders.size(), deadline);
            return new PipelineOutcome(published, ledger.snapshot(runId));
        } finally {
            long start = System.nanoTime();
            container.shutdown();
            LOG.info("Weld and the connector shut down in {} ms", Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
    }

    private static void awaitResults(OrderLedger ledger, String runId, int expected, Instant deadline)
            throws InterruptedException {
        while (ledger.ordersWithResult(runId) < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        int received = ledger.ordersWithResult(runId);
        if (received < expected) {
            LOG.warn("Run {}: results for {} of {} orders arrived within {} s", runId, received, expected,
                    PIPELINE_TIMEOUT.toSeconds());
        }
    }

    /**
     * Connects with jnats after the connector has closed its connections and checks both durable consumers.
     */
    private static List<Check> checkConsumers(String servers) throws IOException, InterruptedException {
        Options options = new Options.Builder()
                .servers(servers.split(","))
                .connectionName("nats-jetstream-quickstart-check")
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        try (Connection connection = Nats.connect(options)) {
            return ConsumerChecks.awaitSettled(connection.jetStreamManagement(), CONSUMERS, SETTLE_TIMEOUT);
        }
    }

    private static int printSummary(String runId, String serverDescription, List<Order> orders, List<Check> checks) {
        System.out.println();
        System.out.println("Quickstart summary");
        System.out.println("  run id:  " + runId);
        System.out.println("  servers: " + serverDescription);
        System.out.println("  orders:  " + orders.size() + " from " + OrderFile.RESOURCE);
        for (Check check : checks) {
            System.out.println("  " + check.format());
        }

        List<String> failed = checks.stream().filter(check -> !check.passed()).map(Check::name).toList();
        if (failed.isEmpty()) {
            System.out.println("QUICKSTART PASSED: all " + orders.size() + " orders of run " + runId
                    + " were published with a PubAck, processed exactly once, their results published and"
                    + " received, and every message acknowledged");
            return 0;
        }
        System.out.println("QUICKSTART FAILED: " + String.join("; ", failed));
        return 1;
    }

    /**
     * Ends the process when the run hangs, for example in start-up or shutdown, so that the
     * quickstart always ends by itself. The thread dump shows where it was stuck.
     */
    private static Thread startWatchdog(ServerHolder server) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(HARD_LIMIT.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("The quickstart did not end within " + HARD_LIMIT.toSeconds() + " s. Threads:");
            for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
                System.err.println("\"" + entry.getKey().getName() + "\" " + entry.getKey().getState());
                System.err.println(Arrays.stream(entry.getValue())
                        .map(frame -> "    at " + frame)
                        .collect(Collectors.joining(System.lineSeparator())));
            }
            System.out.println("QUICKSTART FAILED: the run did not end within " + HARD_LIMIT.toSeconds() + " s");
            System.out.flush();
            server.stop();
            // halt, not exit: a shutdown hook could hang the same way the run did.
            Runtime.getRuntime().halt(2);
        }, "quickstart-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }

    private record PipelineOutcome(OrderPublisher.PublishOutcome published, OrderLedger.Snapshot ledger) {
    }

    /**
     * The configured servers, or a nats-server that the quickstart started because nothing listened there.
     */
    private static final class ServerHolder {

        private String configured;
        private NatsServerProcess started;
        private Thread stopOnExit;

        /**
         * Returns the server list for the connector, starting a local server when nothing listens
         * at the configured addresses.
         */
        synchronized String resolve() {
            configured = configuredServers();
            boolean listening = Servers.parse(configured).stream()
                    .anyMatch(address -> NatsServerProcess.isListening(address.host(), address.port()));
            if (listening) {
                return configured;
            }

            LOG.info("Nothing listens at {}, so the quickstart starts its own nats-server", Servers.redact(configured));
            started = NatsServerProcess.start();
            stopOnExit = new Thread(this::stop, "quickstart-stop-nats-server");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            LOG.info("Started nats-server pid {} at {} with a temporary store", started.pid(), started.url());
            return started.url();
        }

        synchronized String describe() {
            if (started != null) {
                return started.url() + " (nats-server pid " + started.pid() + " started by the quickstart because"
                        + " nothing listened at " + Servers.redact(configured) + ")";
            }
            return Servers.redact(configured);
        }

        /**
         * Stops the nats-server that the quickstart started, if any. Safe to call more than once.
         */
        synchronized void stop() {
            if (started == null) {
                return;
            }
            long pid = started.pid();
            started.close();
            LOG.info("Stopped nats-server pid {} and deleted its store", pid);
            started = null;
            if (stopOnExit != null && Thread.currentThread() != stopOnExit) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopOnExit);
                } catch (IllegalStateException e) {
                    // The JVM is already shutting down, so the hook list can no longer change.
                }
            }
        }

        private static String configuredServers() {
            String property = System.getProperty(SERVERS_PROPERTY);
            if (property != null && !property.isBlank()) {
                return property.trim();
            }
            String environment = System.getenv(SERVERS_ENVIRONMENT_VARIABLE);
            if (environment != null && !environment.isBlank()) {
                return environment.trim();
            }
            return DEFAULT_SERVERS;
        }
    }
}
