package io.github.natsjetstream.config;

/**
 * Renders {@link Attribute} as the Markdown table of the README.
 *
 * <p>Run {@code main} to print it; a test fails when the README's copy is out of date.
 */
public final class AttributeTable {

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

    public static void main(String[] args) {
        System.out.print(markdown());
    }
}
