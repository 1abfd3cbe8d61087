package io.github.natsjetstream.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result table. Each row is one figure with its median, minimum and maximum over the
 * repetitions; rows are also printed to standard error as they are measured, so a long run shows
 * progress.
 */
final class Report {

    private record Row(String group, String name, String unit, Summary summary, String note) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String group, String name, String unit, List<Double> values) {
        add(group, name, unit, values, "");
    }

    void add(String group, String name, String unit, List<Double> values, String note) {
        Row row = new Row(group, name, unit, Summary.of(values), note);
        rows.add(row);
        System.err.printf(Locale.ROOT, "[bench] %s | %s: median %s %s (min %s, max %s, n=%d) %s%n", group, name,
                format(row.summary.median(), unit), unit, format(row.summary.min(), unit),
                format(row.summary.max(), unit), row.summary.count(), values);
    }

    /** Adds a line under the table, for failures and for figures that are not a row. */
    void note(String text) {
        notes.add(text);
        System.err.println("[bench] " + text);
    }

    void print(PrintStream out) {
        out.println("| Group | Figure | Median | Min | Max | Unit | n | Note |");
        out.println("|---|---|--:|--:|--:|---|--:|---|");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d | %s |%n", row.group, row.name,
                    format(row.summary.median(), row.unit), format(row.summary.min(), row.unit),
                    format(row.summary.max(), row.unit), row.unit, row.summary.count(), row.note);
        }
        if (!notes.isEmpty()) {
            out.println();
            for (String note : notes) {
                out.println("- " + note);
            }
        }
    }

    int rowCount() {
        return rows.size();
    }

    private static String format(double value, String unit) {
        if (unit.equals("ratio")) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        if (unit.equals("ms") || unit.equals("MiB")) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
