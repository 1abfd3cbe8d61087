package io.github.natsjetstream.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.spi.ConnectorFactory;

/**
 * Typed, validated access to the attributes of one channel.
 *
 * <p>The runtime passes a {@link Config} that already merges the channel's attributes with the
 * connector-wide ones. Every parse failure is reported as an {@link IllegalArgumentException} that
 * names the channel, the attribute, the value and what is expected, so that startup fails with one
 * clear message.
 */
public final class ChannelConfig {

    /** Upper bound for every duration, far below the point where nanosecond arithmetic overflows. */
    private static final Duration MAX_DURATION = Duration.ofDays(7);

    private final Config config;
    private final String channel;
    private final String prefix;

    private ChannelConfig(Config config, String channel, String prefix) {
        this.config = config;
        this.channel = channel;
        this.prefix = prefix;
    }

    public static ChannelConfig incoming(Config config) {
        String channel = channelName(config);
        return new ChannelConfig(config, channel, ConnectorFactory.INCOMING_PREFIX + channel + ".");
    }

    public static ChannelConfig outgoing(Config config) {
        String channel = channelName(config);
        return new ChannelConfig(config, channel, ConnectorFactory.OUTGOING_PREFIX + channel + ".");
    }

    private static String channelName(Config config) {
        return config.getOptionalValue(ConnectorFactory.CHANNEL_NAME_ATTRIBUTE, String.class)
                .orElseThrow(() -> new IllegalArgumentException("The runtime passed a channel configuration without '"
                        + ConnectorFactory.CHANNEL_NAME_ATTRIBUTE + "'"));
    }

    /** Channel name as the runtime reports it, which may carry a {@code $N} concurrency suffix. */
    public String channel() {
        return channel;
    }

    public Optional<String> string(Attribute attribute) {
        return config.getOptionalValue(attribute.key(), String.class)
                .map(String::trim)
                .filter(value -> !value.isEmpty());
    }

    public String string(Attribute attribute, String defaultValue) {
        return string(attribute).orElse(defaultValue);
    }

    /** Returns the value or throws an error that names the missing attribute and its full key. */
    public String required(Attribute attribute, String hint) {
        return string(attribute).orElseThrow(() -> new IllegalArgumentException("Channel '" + channel
                + "' is missing the required attribute '" + attribute.key() + "'. Set " + prefix + attribute.key()
                + " (" + hint + ")."));
    }

    public List<String> list(Attribute attribute) {
        return string(attribute)
                .map(value -> Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(item -> !item.isEmpty())
                        .collect(Collectors.toList()))
                .orElse(List.of());
    }

    public Optional<Integer> integer(Attribute attribute, int minimum) {
        Optional<String> text = string(attribute);
        if (text.isEmpty()) {
            return Optional.empty();
        }

        int value;
        try {
            value = Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw invalid(attribute, text.get(), "a whole number of at least " + minimum);
        }
        if (value < minimum) {
            throw invalid(attribute, text.get(), "a whole number of at least " + minimum);
        }
        return Optional.of(value);
    }

    public int integer(Attribute attribute, int minimum, int defaultValue) {
        return integer(attribute, minimum).orElse(defaultValue);
    }

    /** Returns a strictly positive duration, if the attribute is set. */
    public Optional<Duration> duration(Attribute attribute) {
        return string(attribute).map(text -> parseDuration(attribute, text, false));
    }

    /** Parses one duration value of the attribute, which may be zero only when {@code zeroAllowed}. */
    public Duration parseDuration(Attribute attribute, String text, boolean zeroAllowed) {
        Duration value;
        try {
            value = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(attribute, text, "a duration such as 500ms, 5s, 2m or PT5S");
        }
        if (value.compareTo(MAX_DURATION) > 0) {
            throw invalid(attribute, text, "a duration of at most " + MAX_DURATION.toDays() + " days");
        }
        if (value.isNegative() || (value.isZero() && !zeroAllowed)) {
            throw invalid(attribute, text, zeroAllowed ? "a duration of zero or more" : "a duration greater than zero");
        }
        return value;
    }

    public Duration duration(Attribute attribute, Duration defaultValue) {
        return duration(attribute).orElse(defaultValue);
    }

    public boolean bool(Attribute attribute, boolean defaultValue) {
        Optional<String> text = string(attribute);
        if (text.isEmpty()) {
            return defaultValue;
        }

        String lower = text.get().toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.parseBoolean(lower);
        }
        throw invalid(attribute, text.get(), "true or false");
    }

    /**
     * Returns the constant that the attribute's value names, case-insensitively, or the default
     * when the attribute is unset.
     */
    public <T> T choice(Attribute attribute, Map<String, T> choices, T defaultValue) {
        Optional<String> text = string(attribute);
        if (text.isEmpty()) {
            return defaultValue;
        }

        T value = choices.get(text.get().toLowerCase(Locale.ROOT));
        if (value == null) {
            throw invalid(attribute, text.get(), "one of " + String.join(", ", choices.keySet()));
        }
        return value;
    }

    /** Builds the error for an attribute whose value is set but unusable. */
    public IllegalArgumentException invalid(Attribute attribute, String value, String expected) {
        return new IllegalArgumentException("Invalid value '" + value + "' for attribute '" + attribute.key()
                + "' of channel '" + channel + "' (" + prefix + attribute.key() + "): expected " + expected + ".");
    }
}
