package io.github.natsjetstream.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running Node.js script and the JSON events it prints to stdout, one per line. Each event has
 * an {@code event} field: {@code ready}, {@code message}, {@code published}, {@code done} or
 * {@code error}.
 *
 * <p>{@link #awaitExit()} and {@link #close()} kill the process by pid when it has not ended in
 * time, so a hanging script cannot outlive its test. The stdout lines are also copied to a file
 * next to the stderr file, for reading after the test.
 */
final class NodeProcess implements AutoCloseable {

    private final String script;
    private final Process process;
    private final Path stderrFile;
    private final Path stdoutFile;
    private final Duration timeout;
    private final long deadlineNanos;
    private final List<JsonNode> events = new ArrayList<>();
    private final Thread reader;

    NodeProcess(String script, Process process, Path stdoutFile, Path stderrFile, Duration timeout) {
        this.script = script;
        this.process = process;
        this.stdoutFile = stdoutFile;
        this.stderrFile = stderrFile;
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.reader = new Thread(this::readEvents, "node-" + script + "-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Waits until the script has printed an event of this name, and fails when the script ends or
     * its timeout passes first.
     */
    JsonNode awaitEvent(String name) {
        synchronized (events) {
            while (true) {
                for (JsonNode event : events) {
                    if (name.equals(event.path("event").asText())) {
                        return event;
                    }
                }
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (!reader.isAlive() || remainingMillis <= 0) {
                    throw new AssertionError(script + " printed no '" + name + "' event. " + report());
                }
                waitForEvents(Math.min(remainingMillis, 100));
            }
        }
    }

    /**
     * Waits until the script exits, killing it by pid when its timeout passes, and returns its
     * events. Fails unless it exited with status 0 after printing {@code done}.
     */
    List<JsonNode> awaitExit() {
        boolean exited = waitFor(deadlineNanos - System.nanoTime());
        if (!exited) {
            kill();
            throw new AssertionError(script + " (pid " + process.pid() + ") did not exit within "
                    + timeout.toSeconds() + " s and was killed. " + report());
        }
        joinReader();
        if (process.exitValue() != 0 || events("done").isEmpty()) {
            throw new AssertionError(script + " failed with exit status " + process.exitValue() + ". " + report());
        }
        return events();
    }

    /** Returns the events of this name printed so far. */
    List<JsonNode> events(String name) {
        return events().stream().filter(event -> name.equals(event.path("event").asText())).toList();
    }

    long pid() {
        return process.pid();
    }

    /** Kills the script by pid if it is still running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    private void readEvents() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter copy = Files.newBufferedWriter(stdoutFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                copy.write(line);
                copy.newLine();
                copy.flush();
                addEvent(parse(line));
            }
        } catch (IOException e) {
            addEvent(JsonNodeFactory.instance.objectNode().put("event", "unreadable").put("line", e.toString()));
        } finally {
            synchronized (events) {
                events.notifyAll();
            }
        }
    }

    /** Parses one line of stdout. A line that is not JSON is kept as an event of its own for the report. */
    private static JsonNode parse(String line) {
        try {
            return NodeScript.JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.objectNode().put("event", "unparsed").put("line", line);
        }
    }

    private void addEvent(JsonNode event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    private void waitForEvents(long millis) {
        try {
            events.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + script, e);
        }
    }

    private boolean waitFor(long nanos) {
        try {
            return process.waitFor(Math.max(nanos, 0), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("Interrupted while waiting for " + script, e);
        }
    }

    /** Sends SIGKILL to the script's pid and waits until it is gone. */
    private void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(script + " (pid " + process.pid() + ") did not exit within 10 s "
                        + "of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + script + " to exit", e);
        }
    }

    private void joinReader() {
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the output of " + script, e);
        }
    }

    private String report() {
        return "Its stdout (" + stdoutFile + "): " + events() + ". Its stderr (" + stderrFile + "): "
                + readStderr();
    }

    private String readStderr() {
        try {
            return Files.exists(stderrFile) ? Files.readString(stderrFile) : "(none)";
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + stderrFile, e);
        }
    }
}
