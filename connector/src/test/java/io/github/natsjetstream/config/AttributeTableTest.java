package io.github.natsjetstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttributeTableTest {

    /**
     * Command that regenerates the table, also in a fresh clone. It uses plain java because exec:java
     * resolves the test-scope test-support SNAPSHOT, which a fresh clone has not installed.
     */
    private static final String REGENERATE_COMMAND = "mvn -B -q -pl connector -am compile && java -cp "
            + "connector/target/classes " + AttributeTable.class.getName() + " " + AttributeTable.DOCUMENT;

    @Test
    void referenceTableIsCurrent() throws IOException {
        Path reference = Path.of("..", AttributeTable.DOCUMENT);
        String document = Files.readString(reference, StandardCharsets.UTF_8);

        assertThat(AttributeTable.replaceTable(document))
                .as("%s is out of date with Attribute.java. From the repository root run: %s",
                        AttributeTable.DOCUMENT, REGENERATE_COMMAND)
                .isEqualTo(document);
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "README.zh-TW.md"})
    void readmeHasNoCopyOfTable(String name) throws IOException {
        String readme = Files.readString(Path.of("..", name), StandardCharsets.UTF_8);

        assertThat(readme)
                .as("%s links to %s instead of carrying a copy of the table that no test keeps current",
                        name, AttributeTable.DOCUMENT)
                .doesNotContain(AttributeTable.BEGIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"servers", "durable", "batch-size", "fetch-wait", "publish-timeout", "stream-retention"})
    void tableListsAttribute(String key) {
        assertThat(AttributeTable.markdown()).contains("| `" + key + "` |");
    }

    @Test
    void keysAreKebabCaseAndUnique() {
        Set<String> keys = Arrays.stream(Attribute.values()).map(Attribute::key).collect(Collectors.toSet());
        assertThat(keys).hasSize(Attribute.values().length);
        assertThat(keys).allMatch(key -> key.matches("[a-z]+(-[a-z]+)*"));
    }
}
