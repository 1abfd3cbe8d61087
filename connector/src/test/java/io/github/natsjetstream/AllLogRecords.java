package io.github.natsjetstream;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records every log record of every logger at every level, for tests that check that no secret is
 * logged. Each line contains the raw message, its parameters and the messages of its causes, so a
 * secret is found even in a record that a formatter would not print.
 */
final class AllLogRecords extends Handler implements AutoCloseable {

    private static final String CONNECTOR_LOGGER = "io.github.natsjetstream";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Level previousRootLevel;
    private final Level previousConnectorLevel;

    private AllLogRecords() {
        previousRootLevel = Logger.getLogger("").getLevel();
        previousConnectorLevel = Logger.getLogger(CONNECTOR_LOGGER).getLevel();
    }

    /** Starts recording, with the root logger and the connector's loggers set to log every level. */
    static AllLogRecords start() {
        AllLogRecords records = new AllLogRecords();
        Logger root = Logger.getLogger("");
        root.addHandler(records);
        root.setLevel(Level.ALL);
        Logger.getLogger(CONNECTOR_LOGGER).setLevel(Level.ALL);
        return records;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                line.append(' ').append(parameter);
            }
        }
        for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
            line.append(' ').append(cause);
        }
        lines.add(line.toString());
    }

    @Override
    public void flush() {
    }

    /** Stops recording and restores the levels that {@link #start()} changed. */
    @Override
    public void close() {
        Logger root = Logger.getLogger("");
        root.removeHandler(this);
        root.setLevel(previousRootLevel);
        Logger.getLogger(CONNECTOR_LOGGER).setLevel(previousConnectorLevel);
    }
}
