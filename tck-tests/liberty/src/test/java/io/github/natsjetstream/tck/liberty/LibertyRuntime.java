package io.github.natsjetstream.tck.liberty;

import io.github.natsjetstream.tck.conformance.ApplicationProcess;
import io.github.natsjetstream.tck.conformance.ConformanceApplication;
import io.github.natsjetstream.tck.conformance.ConformanceRuntime;
import io.github.natsjetstream.tck.conformance.HttpConformanceApplication;
import io.github.natsjetstream.tck.runtime.ApplicationStartException;
import io.github.natsjetstream.testing.NatsServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Starts the conformance application on Open Liberty, one server per application. Each server is
 * a copy of the template server that the Liberty Maven plugin created with the WAR; the copy gets
 * its own HTTP port in {@code bootstrap.properties} and the channel properties as server.xml
 * variables in {@code configDropins/overrides/channels.xml}.
 *
 * <p>Liberty keeps running when it fails to deploy the application and responds to HTTP requests with
 * "Context Root Not Found", so this adapter reads the deployment error from the server's
 * {@code messages.log}.
 */
final class LibertyRuntime implements ConformanceRuntime {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final AtomicInteger SERVER_COUNTER = new AtomicInteger();

    /**
     * Liberty messages that mean the application did not start, for example
     * {@code CWWKZ0002E: An exception occurred while starting the application}.
     */
    private static final Pattern DEPLOYMENT_ERROR = Pattern.compile("CWWKZ000[24]E|CWWKZ0012I|CWWKE0701E");

    private final Path wlpDirectory = Path.of(requiredProperty("tck.liberty.wlp.dir"));
    private final String version = requiredProperty("tck.liberty.version");

    @Override
    public ConformanceApplication start(String name, Map<String, String> properties) {
        String serverName = "tck-" + SERVER_COUNTER.incrementAndGet();
        String description = "Open Liberty " + version + " server " + serverName + " (" + name + ")";
        int port = NatsServerProcess.freePort();
        Path serverDirectory = createServer(serverName, port, properties);
        Path messagesLog = serverDirectory.resolve("logs/messages.log");

        runServerCommand("start", serverName);
        Runnable runningCheck = () -> checkDeployment(description, messagesLog);
        HttpConformanceApplication application = new HttpConformanceApplication(description,
                URI.create("http://127.0.0.1:" + port + "/"), runningCheck, () -> runServerCommand("stop", serverName));

        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (!application.isReady()) {
                runningCheck.run();
                if (System.nanoTime() > deadline) {
                    throw new ApplicationStartException(description + " did not serve the application within "
                            + START_TIMEOUT.toSeconds() + " s. " + messagesLog + ":\n"
                            + ApplicationProcess.outputTail(messagesLog), null);
                }
                Thread.sleep(200);
            }
        } catch (RuntimeException e) {
            runServerCommand("stop", serverName);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runServerCommand("stop", serverName);
            throw new ApplicationStartException("Interrupted while waiting for " + description, e);
        }
        return application;
    }

    /** Throws when messages.log reports that the application failed to start. */
    private static void checkDeployment(String description, Path messagesLog) {
        if (!Files.exists(messagesLog)) {
            return;
        }
        String log = ApplicationProcess.outputTail(messagesLog);
        if (DEPLOYMENT_ERROR.matcher(log).find()) {
            throw new ApplicationStartException(description + " failed to deploy the application. "
                    + messagesLog + ":\n" + log, null);
        }
    }

    private Path createServer(String serverName, int port, Map<String, String> properties) {
        Path template = wlpDirectory.resolve("usr/servers").resolve(requiredProperty("tck.liberty.template.server"));
        Path server = wlpDirectory.resolve("usr/servers").resolve(serverName);
        try {
            copyDirectory(template, server);
            Files.writeString(server.resolve("bootstrap.properties"), "http.port=" + port + "\n",
                    StandardCharsets.UTF_8);
            Path overrides = server.resolve("configDropins/overrides");
            Files.createDirectories(overrides);
            StringBuilder variables = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<server>\n");
            properties.forEach((key, value) -> variables.append("  <variable name=\"").append(xml(key))
                    .append("\" value=\"").append(xml(value)).append("\"/>\n"));
            variables.append("</server>\n");
            Files.writeString(overrides.resolve("channels.xml"), variables, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create Liberty server " + server, e);
        }
        return server;
    }

    private static void copyDirectory(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = source.relativize(path);
                if (relative.startsWith("workarea") || relative.startsWith("logs")) {
                    continue;
                }
                Path destination = target.resolve(relative);
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        }
    }

    /** Runs {@code bin/server <action> <server>} and waits for it; both actions wait for the server. */
    private void runServerCommand(String action, String serverName) {
        Path log = wlpDirectory.resolve("usr/servers").resolve(serverName).resolve("server-" + action + ".out");
        ProcessBuilder builder = new ProcessBuilder(
                List.of(wlpDirectory.resolve("bin/server").toString(), action, serverName))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("'server " + action + " " + serverName + "' did not finish within "
                        + COMMAND_TIMEOUT.toSeconds() + " s: " + ApplicationProcess.outputTail(log));
            }
            if (process.exitValue() != 0) {
                throw new ApplicationStartException("'server " + action + " " + serverName + "' exited with status "
                        + process.exitValue() + ": " + ApplicationProcess.outputTail(log), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to run 'server " + action + " " + serverName + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during 'server " + action + " " + serverName + "'", e);
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set; run the tests through Maven");
        }
        return value;
    }
}
