package io.github.natsjetstream;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Records the formatted messages of one connector logger. The connector logs through
 * {@link System.Logger}, which writes to java.util.logging when no other backend is installed, as
 * in this module's tests.
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
    }

    /** Starts recording the logger of that name, which is the name of the class that logs. */
    static LogCapture of(String loggerName) {
        LogCapture capture = new LogCapture(Logger.getLogger(loggerName));
        capture.logger.addHandler(capture);
        return capture;
    }

    /** Returns the messages logged so far that contain every one of the fragments. */
    List<String> containing(String... fragments) {
        return messages.stream()
                .filter(message -> List.of(fragments).stream().allMatch(message::contains))
                .toList();
    }

    @Override
    public void publish(LogRecord record) {
        messages.add(formatter.formatMessage(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
