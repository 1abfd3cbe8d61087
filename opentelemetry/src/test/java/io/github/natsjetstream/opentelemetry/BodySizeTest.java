package io.github.natsjetstream.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class BodySizeTest {

    @Test
    void bytesCountAsIs() {
        assertThat(BodySize.of(new byte[] {1, 2, 3})).isEqualTo(3);
        assertThat(BodySize.of(new byte[0])).isZero();
    }

    @Test
    void stringsCountAsUtf8() {
        List<String> texts = List.of("", "order 7", "café", "注文", "emoji \uD83D\uDE00 end",
                "lone high \uD83D end", "lone low \uDE00 end", "trailing high \uD83D");
        for (String text : texts) {
            assertThat(BodySize.of(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void otherPayloadsAreUnknown() {
        assertThat(BodySize.of(new Object())).isEqualTo(-1);
        assertThat(BodySize.of(42)).isEqualTo(-1);
    }
}
