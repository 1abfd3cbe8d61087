package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A connector created with {@code new}, as in this module's tests, has no CDI container to look
 * up an {@code options-customizer} bean in, so it fails with an error that states this before it
 * connects.
 */
class OptionsCustomizerWithoutCdiTest {

    @Test
    void customizerWithoutContainerFailsStartup() {
        JetStreamConnector connector = new JetStreamConnector();

        assertThatThrownBy(() -> connector.getSubscriberBuilder(TestConfigs.channel("out",
                Map.of("subject", "orders", "options-customizer", "orders-options"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'out'")
                .hasMessageContaining("'options-customizer'")
                .hasMessageContaining("'orders-options'")
                .hasMessageContaining("without a CDI container");
    }
}
