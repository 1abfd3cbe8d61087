package io.github.natsjetstream.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link QuarkusApp} as its own JVM for one trial: the trial's settings go in as system
 * properties, standard output and error go to a log file, and the result comes from the line
 * {@code BENCH_RESULT key=value ...} that the application prints before it exits.
 */
final class AppTrial {

    private static final String RESULT_PREFIX = "BENCH_RESULT ";
    private static final String ERROR_PREFIX = "BENCH_ERROR ";
    private static final int LOG_TAIL_LINES = 15;

    private AppTrial() {
    }

    /**
     * Starts the application, waits up to {@code timeoutSeconds} for it to exit and returns the
     * key=value pairs of its result line, which include {@code rate} in msgs/s. Throws when the application times out (the process is then killed),
     * exits with a non-zero status or prints no result line. The exception message names the log file.
     */
    static Map<String, String> run(QuarkusApp app, List<String> jvmOptions, Map<String, String> properties, Path log,
            long timeoutSeconds) throws IOException, InterruptedException, TimeoutException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(app.runJar().toString());

        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            printTail(log);
            throw new TimeoutException(app.module() + " did not exit within " + timeoutSeconds + " s; log: " + log);
        }

        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Map<String, String> result = resultFields(lines);
        if (process.exitValue() != 0 || !result.containsKey("rate")) {
            printTail(log);
            throw new IllegalStateException(app.module() + " exited with status " + process.exitValue()
                    + " and no result line: " + firstError(lines) + "; log: " + log);
        }
        System.err.println("[bench] " + app.module() + " " + properties.get("bench.direction") + ": "
                + String.join(" ", result.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        return result;
    }

    /** Returns the key=value pairs of the result line, or an empty map when there is none. */
    private static Map<String, String> resultFields(List<String> lines) {
        Map<String, String> fields = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith(RESULT_PREFIX)) {
                for (String pair : line.substring(RESULT_PREFIX.length()).trim().split(" ")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        fields.put(pair.substring(0, equals), pair.substring(equals + 1));
                    }
                }
            }
        }
        return fields;
    }

    /**
     * Returns the application's error line, else the first log line at level ERROR, else the first
     * log line, which is where the JVM reports an option that it cannot start with.
     */
    private static String firstError(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith(ERROR_PREFIX)) {
                return line.substring(ERROR_PREFIX.length());
            }
        }
        for (String line : lines) {
            if (line.contains(" ERROR ")) {
                return line.trim();
            }
        }
        return lines.isEmpty() ? "empty log" : lines.get(0).trim();
    }

    private static void printTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            System.err.println("[bench] last lines of " + log + ":");
            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                    .forEach(line -> System.err.println("    " + line));
        } catch (IOException e) {
            System.err.println("[bench] cannot read " + log + ": " + e);
        }
    }
}
