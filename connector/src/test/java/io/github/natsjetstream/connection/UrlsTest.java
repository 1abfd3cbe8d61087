package io.github.natsjetstream.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nats://alice:s3cret@127.0.0.1:4222 | nats://127.0.0.1:4222",
            "nats://token@host:4222 | nats://host:4222",
            "nats://a:b/c@host:4222 | nats://host:4222",
            "alice:WrongPW789@127.0.0.1:44357 | 127.0.0.1:44357",
            "servers: [nats://u:p@h1:1, v:q@h2:2] | servers: [nats://h1:1, h2:2]",
            "Unable to connect to NATS servers: [nats://alice:S3cretPW@127.0.0.1:46213] | Unable to connect to NATS servers: [nats://127.0.0.1:46213]",
            "nats://127.0.0.1:4222 | nats://127.0.0.1:4222"
    })
    void redactRemovesUserInfo(String text, String expected) {
        assertThat(Urls.redact(text)).isEqualTo(expected);
    }
}
