package io.github.natsjetstream.fault;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where the consumer application runs: in this JVM, or in a child JVM that the scenario can kill
 * with SIGKILL. Both write to the same {@link DeliveryLog} file.
 */
abstract class ConsumerHost implements AutoCloseable {

    /** Starts the consumer and returns once its channel is subscribed. */
    abstract void start();

    /** Ends the consumer abruptly: SIGKILL for a child JVM. */
    abstract void kill();

    @Override
    public abstract void close();

    static ConsumerHost inProcess(Map<String, String> properties, Path logFile) {
        return new InProcess(properties, logFile);
    }

    static ConsumerHost childJvm(Map<String, String> properties, Path logFile, Path runDir) {
        return new ChildJvm(properties, logFile, runDir);
    }

    private static final class InProcess extends ConsumerHost {

        private final Map<String, String> properties;
        private final Path logFile;
        private FaultApplication application;

        InProcess(Map<String, String> properties, Path logFile) {
            this.properties = properties;
            this.logFile = logFile;
        }

        @Override
        void start() {
            DeliveryLog.open(logFile);
            application = FaultApplication.start("consumer", properties, MessageConsumer.class);
        }

        /** Closes the Weld container, which shuts the connector down in order: not a real kill. */
        @Override
        void kill() {
            close();
        }

        @Override
        public void close() {
            if (application != null) {
                application.close();
                application = null;
            }
        }
    }

    /**
     * A consumer in a child JVM started with this JVM's class path and {@link ConsumerMain}. Its
     * output goes to {@code consumer-<n>.out} in the run directory.
     */
    private static final class ChildJvm extends ConsumerHost {

        private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
        private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

        private final Path propertiesFile;
        private final Path logFile;
        private final Path runDir;
        private Process process;
        private Path outputFile;
        private int starts;

        ChildJvm(Map<String, String> properties, Path logFile, Path runDir) {
            this.logFile = logFile;
            this.runDir = runDir;
            this.propertiesFile = runDir.resolve("consumer.properties");
            Properties file = new Properties();
            file.putAll(properties);
            try (OutputStream output = Files.newOutputStream(propertiesFile)) {
                file.store(output, "Consumer application properties");
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to write " + propertiesFile, e);
            }
        }

        @Override
        void start() {
            starts++;
            outputFile = runDir.resolve("consumer-" + starts + ".out");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                    ConsumerMain.class.getName(), propertiesFile.toString(), logFile.toString());
            try {
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(outputFile.toFile())
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to start the consumer JVM", e);
            }
            awaitStarted();
        }

        private void awaitStarted() {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The consumer JVM exited with code " + process.exitValue()
                            + " before it started; its output is in " + outputFile);
                }
                if (output().contains(ConsumerMain.STARTED)) {
                    return;
                }
                sleep(Duration.ofMillis(100));
            }
            process.destroyForcibly();
            throw new IllegalStateException("The consumer JVM did not start within " + START_TIMEOUT.toSeconds()
                    + " s; its output is in " + outputFile);
        }

        private String output() {
            try {
                return Files.readString(outputFile);
            } catch (IOException e) {
                return "";
            }
        }

        /** Sends SIGKILL to the consumer JVM's pid and waits until it has exited. */
        @Override
        void kill() {
            process.destroyForcibly();
            waitForExit();
        }

        /** Closes the child's standard input, on which it shuts down in order, and kills it if it has not exited in time. */
        @Override
        public void close() {
            if (process == null || !process.isAlive()) {
                return;
            }
            try {
                process.getOutputStream().close();
                if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    waitForExit();
                }
            } catch (IOException e) {
                process.destroyForcibly();
                waitForExit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        private void waitForExit() {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The consumer JVM, pid " + process.pid()
                            + ", did not exit within 10 s of SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the consumer JVM to exit", e);
            }
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
