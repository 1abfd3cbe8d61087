package io.github.natsjetstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "500ms, 500",
            "5s, 5000",
            "2m, 120000",
            "1h, 3600000",
            "PT5S, 5000",
            "pt0.5s, 500",
            "' 10 s ', 10000"
    })
    void parsesAcceptedForms(String text, long expectedMillis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5 parsecs", "s", "PTX", "-5s", "5d"})
    void rejectsOtherForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
