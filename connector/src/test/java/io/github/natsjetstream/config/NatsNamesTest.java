package io.github.natsjetstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NatsNamesTest {

    @Test
    void streamNameFollowsGoDriver() {
        assertThat(NatsNames.streamNameFor("orders.created")).isEqualTo("ORDERS");
        assertThat(NatsNames.streamNameFor("order-events.created.eu")).isEqualTo("ORDER_EVENTS");
        assertThat(NatsNames.streamNameFor("payments")).isEqualTo("PAYMENTS");
    }

    @Test
    void concurrencySuffixRemoved() {
        assertThat(NatsNames.baseChannelName("in$1")).isEqualTo("in");
        assertThat(NatsNames.baseChannelName("in$12")).isEqualTo("in");
        assertThat(NatsNames.baseChannelName("price$in")).isEqualTo("price$in");
    }

    @Test
    void safeNameReplacesInvalidCharacters() {
        assertThat(NatsNames.safeName("in$1")).isEqualTo("in_1");
        assertThat(NatsNames.safeName("a.b c>*")).isEqualTo("a_b_c__");
        assertThat(NatsNames.isValidName("worker-1")).isTrue();
        assertThat(NatsNames.isValidName("in$1")).isFalse();
    }
}
