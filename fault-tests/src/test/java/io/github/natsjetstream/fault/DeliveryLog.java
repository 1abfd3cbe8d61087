package io.github.natsjetstream.fault;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The consumer's record of what it saw, one line per event, written to a file so that it
 * survives a consumer JVM killed with SIGKILL:
 *
 * <ul>
 *   <li>{@code D <id> <delivered count> <epoch millis>}: the {@code @Incoming} method received the message.
 *   <li>{@code A <id>}: the ack's completion stage completed normally.
 *   <li>{@code N <id>}: the method nacked the message.
 * </ul>
 *
 * <p>Every line is flushed to the operating system before the method returns, so a line is lost
 * only if the JVM is killed between the event and the write.
 */
final class DeliveryLog implements AutoCloseable {

    private static volatile DeliveryLog current;

    private final BufferedWriter writer;

    private DeliveryLog(Path file) {
        try {
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to open the delivery log " + file, e);
        }
    }

    /** Opens the log that the consumer bean of this JVM writes to, closing the previous one. */
    static synchronized void open(Path file) {
        if (current != null) {
            current.close();
        }
        current = new DeliveryLog(file);
    }

    static DeliveryLog current() {
        DeliveryLog log = current;
        if (log == null) {
            throw new IllegalStateException("No delivery log is open; call DeliveryLog.open before starting the consumer");
        }
        return log;
    }

    void delivered(String id, long deliveredCount) {
        write("D " + id + " " + deliveredCount + " " + System.currentTimeMillis());
    }

    void acked(String id) {
        write("A " + id);
    }

    void nacked(String id) {
        write("N " + id);
    }

    private synchronized void write(String line) {
        try {
            writer.write(line);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write to the delivery log", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to close the delivery log", e);
        }
    }
}
