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

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "README.zh-TW.md"})
    void readmeTableIsCurrent(String name) throws IOException {
        Path readme = Path.of("..", name);
        String document = Files.readString(readme, StandardCharsets.UTF_8);

        assertThat(AttributeTable.replaceTable(document))
                .as("%s is out of date. From the repository root run: mvn -q -pl connector compile exec:java "
                        + "-Dexec.skip=false -Dexec.mainClass=io.github.natsjetstream.config.AttributeTable "
                        + "-Dexec.args=\"README.md README.zh-TW.md\"", name)
                .isEqualTo(document);
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
