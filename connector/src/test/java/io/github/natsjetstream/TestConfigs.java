package io.github.natsjetstream;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Builds the per-channel {@link Config} that a runtime passes to the connector. */
final class TestConfigs {

    private TestConfigs() {
    }

    static Config channel(String channel, Map<String, String> attributes) {
        Map<String, String> properties = new HashMap<>(attributes);
        properties.put("channel-name", channel);
        properties.put("connector", JetStreamConnector.NAME);
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
    }
}
