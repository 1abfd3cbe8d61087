package io.github.natsjetstream.benchmarks;

import io.github.natsjetstream.testing.NatsServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the benchmark groups against a nats-server that it starts itself (127.0.0.1, free port,
 * temporary file store) and prints the result table as Markdown on standard output.
 *
 * <p>Exit status: 0 when every group ran, 1 when a group failed, 2 for invalid arguments.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(Settings.USAGE);
            System.exit(2);
            return;
        }
        if (!settings.verbose) {
            // Weld, SmallRye, jnats and the connector log through java.util.logging here; their INFO
            // lines for every container start would bury the progress lines.
            Logger.getLogger("").setLevel(Level.WARNING);
        }

        Report report = new Report();
        int failures = 0;
        long started = System.nanoTime();
        String serverVersion = serverVersion();
        String loadBefore = loadAverage();
        try (NatsServerProcess server = NatsServerProcess.start();
                BenchContext context = new BenchContext(server.url(), settings, report)) {
            System.err.println("[bench] nats-server " + serverVersion + " at " + server.url() + ", settings: "
                    + settings);
            for (String group : settings.groups) {
                try {
                    System.err.println("[bench] group " + group);
                    switch (group) {
                        case "outgoing" -> new OutgoingBenchmark(context).run();
                        case "incoming" -> new IncomingBenchmark(context).run();
                        case "e2e" -> new LatencyBenchmark(context).run();
                        case "memory" -> new MemoryBenchmark(context).run();
                        case "peer" -> new PeerBenchmark(context).run();
                        default -> throw new IllegalArgumentException("Unknown group " + group);
                    }
                } catch (Exception e) {
                    failures++;
                    report.note("Group " + group + " failed: " + e);
                    e.printStackTrace();
                }
            }
        }

        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.println();
        System.out.printf("Machine: %d cores, JDK %s (%s), %s %s; nats-server %s; load average (1, 5, 15 min) "
                + "at start %s, at end %s; settings: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"),
                serverVersion, loadBefore, loadAverage(), settings);
        System.out.println();
        report.print(System.out);
        System.out.println();
        if (failures > 0) {
            System.out.printf("BENCHMARK FAILED: %d group(s) failed, %d figures measured in %d s%n", failures,
                    report.rowCount(), seconds);
            System.exit(1);
        }
        System.out.printf("BENCHMARK FINISHED: %d figures measured in %d s%n", report.rowCount(), seconds);
        // Weld and jnats leave non-daemon threads behind in some failure paths; the table is out.
        System.exit(0);
    }

    /** Returns the first three fields of /proc/loadavg, or "unknown" where it does not exist. */
    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String serverVersion() {
        try {
            Process process = new ProcessBuilder(NatsServerProcess.findBinary().toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return output.replace("nats-server: ", "");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }
}
