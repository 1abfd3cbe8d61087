package io.github.natsjetstream.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders {@link Attribute} as the Markdown table of the attribute reference, {@value #DOCUMENT}.
 *
 * <p>{@code main} writes the table between the {@value #BEGIN} and {@value #END} lines of each file
 * it is given, or of {@value #DOCUMENT} when it is given none. A test fails when the reference is out
 * of date.
 */
public final class AttributeTable {

    public static final String BEGIN = "<!-- attributes:begin -->";
    public static final String END = "<!-- attributes:end -->";

    /** Path of the attribute reference, relative to the repository root. */
    public static final String DOCUMENT = "docs/attributes.md";

    private AttributeTable() {
    }

    public static String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| Attribute | Direction | Type | Default | Description |\n");
        table.append("|---|---|---|---|---|\n");
        for (Attribute attribute : Attribute.values()) {
            String defaultValue = attribute.defaultValue() == null ? "" : attribute.defaultValue();
            if (attribute == Attribute.DURABLE) {
                defaultValue = "required";
            }
            table.append("| `").append(attribute.key()).append("` | ")
                    .append(attribute.direction().label()).append(" | ")
                    .append(attribute.type()).append(" | ")
                    .append(defaultValue).append(" | ")
                    .append(attribute.description()).append(" |\n");
        }
        return table.toString();
    }

    /** Returns the document with the text between the markers replaced by the current table. */
    public static String replaceTable(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("The document has no '" + BEGIN + "' line followed by an '" + END
                    + "' line");
        }
        return document.substring(0, begin + BEGIN.length()) + "\n" + markdown() + document.substring(end);
    }

    /**
     * Rewrites the attribute table in each Markdown file named by the arguments, or in
     * {@value #DOCUMENT}, relative to the working directory, when there are none.
     */
    public static void main(String[] args) throws IOException {
        String[] files = args.length == 0 ? new String[] {DOCUMENT} : args;
        for (String file : files) {
            Path path = Path.of(file);
            String document = Files.readString(path, StandardCharsets.UTF_8);
            Files.writeString(path, replaceTable(document), StandardCharsets.UTF_8);
        }
    }
}
