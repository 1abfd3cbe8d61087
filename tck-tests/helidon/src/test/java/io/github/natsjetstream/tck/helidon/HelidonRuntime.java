package io.github.natsjetstream.tck.helidon;

import io.github.natsjetstream.tck.conformance.ApplicationProcess;
import io.github.natsjetstream.tck.conformance.ConformanceApplication;
import io.github.natsjetstream.tck.conformance.ConformanceRuntime;
import io.github.natsjetstream.testing.NatsServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the conformance application on Helidon MP in a new JVM per application, with the class
 * path that Maven resolved for this module, and passes the channel properties as system
 * properties. Helidon runs one CDI container per JVM, so two instances need two JVMs.
 */
final class HelidonRuntime implements ConformanceRuntime {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final AtomicInteger APPLICATION_COUNTER = new AtomicInteger();

    @Override
    public ConformanceApplication start(String name, Map<String, String> properties) {
        int port = NatsServerProcess.freePort();
        String label = name + "-" + APPLICATION_COUNTER.incrementAndGet();

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(applicationClassPath());
        command.add("-Dserver.host=127.0.0.1");
        command.add("-Dserver.port=" + port);
        command.addAll(ApplicationProcess.systemPropertyArguments(properties));
        command.add("io.helidon.microprofile.cdi.Main");

        return ApplicationProcess.start(
                "Helidon MP " + System.getProperty("tck.helidon.version") + " application " + label,
                command,
                URI.create("http://127.0.0.1:" + port + "/"),
                Path.of(requiredProperty("tck.app.log.dir"), label + ".log"),
                START_TIMEOUT);
    }

    private static String applicationClassPath() {
        Path file = Path.of(requiredProperty("tck.app.classpath.file"));
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the application class path from " + file, e);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set; run the tests through Maven");
        }
        return value;
    }
}
