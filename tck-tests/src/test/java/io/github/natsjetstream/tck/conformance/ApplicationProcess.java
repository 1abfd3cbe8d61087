package io.github.natsjetstream.tck.conformance;

import io.github.natsjetstream.tck.runtime.ApplicationStartException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the conformance application as a child JVM, as the Helidon and Quarkus adapters do, and
 * waits until its REST resource responds or the process exits.
 */
public final class ApplicationProcess {

    /** Output of the failed process kept in an {@link ApplicationStartException}, from its end. */
    private static final int MAX_OUTPUT_CHARS = 64 * 1024;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private ApplicationProcess() {
    }

    /**
     * Returns the properties as {@code -Dkey=value} arguments, which MicroProfile Config reads with
     * ordinal 400, above {@code microprofile-config.properties}.
     */
    public static List<String> systemPropertyArguments(Map<String, String> properties) {
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("-D" + key + "=" + value));
        return arguments;
    }

    /**
     * Runs the command with standard output and error in the log file, and returns once
     * {@code GET <baseUri>tck/deliveries} responds with status 200. The returned application's
     * {@code checkRunning()} throws once the process has exited.
     *
     * @throws ApplicationStartException if the process exits first or the timeout passes; the
     *     message contains the end of the process output
     */
    public static HttpConformanceApplication start(String description, List<String> command, URI baseUri,
            Path logFile, Duration startTimeout) {
        Process process;
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new ApplicationStartException("Failed to run " + description + ": " + command, e);
        }

        Runnable runningCheck = () -> {
            if (!process.isAlive()) {
                throw new ApplicationStartException(description + " exited with status " + process.exitValue()
                        + ". Output (" + logFile + "):\n" + outputTail(logFile), null);
            }
        };
        HttpConformanceApplication application = new HttpConformanceApplication(description, baseUri, runningCheck,
                () -> stop(process, description));
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!application.isReady()) {
            runningCheck.run();
            if (System.nanoTime() > deadline) {
                stop(process, description);
                throw new ApplicationStartException(description + " did not respond to GET " + baseUri
                        + "tck/deliveries within " + startTimeout.toSeconds() + " s. Output (" + logFile + "):\n"
                        + outputTail(logFile), null);
            }
            pause();
        }
        return application;
    }

    /**
     * Sends SIGTERM, so the runtime shuts down its channels as on a normal stop, and kills the
     * process if it is still running after 30 s.
     */
    private static void stop(Process process, String description) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println(description + " did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s of SIGTERM; killing it");
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Returns the last 64 KiB of the file, or a note when it cannot be read. */
    public static String outputTail(Path file) {
        try {
            String output = Files.readString(file, StandardCharsets.UTF_8);
            return output.length() <= MAX_OUTPUT_CHARS ? output : output.substring(output.length() - MAX_OUTPUT_CHARS);
        } catch (IOException e) {
            return "(output not readable: " + e + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApplicationStartException("Interrupted while waiting for the application to start", e);
        }
    }
}
