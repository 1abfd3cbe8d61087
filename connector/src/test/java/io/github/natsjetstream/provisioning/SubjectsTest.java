package io.github.natsjetstream.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectsTest {

    @ParameterizedTest
    @CsvSource({
            "orders.>, orders.created, true",
            "orders.>, orders, false",
            "orders.>, orders.*, true",
            "orders.*, orders.created, true",
            "orders.*, orders.created.eu, false",
            "orders.*, orders.>, false",
            "orders, orders, true",
            "orders.created, orders.*, false",
            ">, anything.at.all, true"
    })
    void captures(String filter, String subject, boolean expected) {
        assertThat(Subjects.captures(filter, subject)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "orders.>, orders.created, true",
            "orders.*, orders.>, true",
            "orders.*, *.created, true",
            "orders.*, payments.*, false",
            "orders, orders.>, false",
            "orders.a.b, orders.*, false"
    })
    void collide(String left, String right, boolean expected) {
        assertThat(Subjects.collide(left, right)).isEqualTo(expected);
        assertThat(Subjects.collide(right, left)).isEqualTo(expected);
    }
}
