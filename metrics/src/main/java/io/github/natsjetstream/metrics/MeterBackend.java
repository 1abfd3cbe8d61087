package io.github.natsjetstream.metrics;

/** A metrics library that the application provides, as a source of {@link ChannelMeters}. */
interface MeterBackend {

    /** A backend for applications with no metrics library: it records nothing. */
    MeterBackend NONE = channel -> null;

    /** Registers the meters of a channel and returns them, or returns {@code null} to record nothing. */
    ChannelMeters register(String channel);
}
