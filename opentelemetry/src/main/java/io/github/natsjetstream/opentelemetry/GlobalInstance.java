package io.github.natsjetstream.opentelemetry;

import java.util.Optional;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;

/** Reads {@link GlobalOpenTelemetry} without fixing it to a no-op instance before the application sets it. */
final class GlobalInstance {

    private GlobalInstance() {
    }

    /**
     * Returns the global instance once something has set it. {@code GlobalOpenTelemetry.get()} on an
     * unset instance installs a no-op one for good and makes a later {@code set} fail, so this calls it
     * only after {@code isSet()}.
     */
    static Optional<OpenTelemetry> ifSet() {
        try {
            return GlobalOpenTelemetry.isSet() ? Optional.of(GlobalOpenTelemetry.get()) : Optional.empty();
        } catch (NoSuchMethodError e) {
            // NOTE: opentelemetry-api before 1.57 has no isSet(). There this takes the instance at the first
            // traced message, as SmallRye Reactive Messaging does, so the application must set it before that.
            return Optional.of(GlobalOpenTelemetry.get());
        }
    }
}
