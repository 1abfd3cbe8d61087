package io.github.natsjetstream.tck.quarkus;

import io.github.natsjetstream.tck.conformance.ApplicationProcess;
import io.github.natsjetstream.tck.conformance.ConformanceApplication;
import io.github.natsjetstream.tck.conformance.ConformanceRuntime;
import io.github.natsjetstream.testing.NatsServerProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the conformance application that the Quarkus Maven plugin built
 * ({@code target/quarkus-app/quarkus-run.jar}) in a new JVM per application, and passes the
 * channel properties as system properties.
 */
final class QuarkusRuntime implements ConformanceRuntime {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final AtomicInteger APPLICATION_COUNTER = new AtomicInteger();

    @Override
    public ConformanceApplication start(String name, Map<String, String> properties) {
        int port = NatsServerProcess.freePort();
        String label = name + "-" + APPLICATION_COUNTER.incrementAndGet();

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(ApplicationProcess.systemPropertyArguments(properties));
        command.add("-jar");
        command.add(requiredProperty("tck.quarkus.run.jar"));

        return ApplicationProcess.start(
                "Quarkus " + System.getProperty("tck.quarkus.version") + " application " + label,
                command,
                URI.create("http://127.0.0.1:" + port + "/"),
                Path.of(requiredProperty("tck.app.log.dir"), label + ".log"),
                START_TIMEOUT);
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set; run the tests through Maven");
        }
        return value;
    }
}
