package io.github.natsjetstream.opentelemetry;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * Reads SmallRye Reactive Messaging's {@link TracingMetadata}, where SmallRye's own connectors keep
 * the context of the span that received a message, when that class is on the class path.
 */
final class SmallRyeTracing {

    private static final boolean PRESENT = isPresent();

    private SmallRyeTracing() {
    }

    /** Returns the current context of the message's {@code TracingMetadata}, or {@code null} when it has none. */
    static Context currentContextOf(Message<?> message) {
        if (!PRESENT) {
            return null;
        }
        return TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext).orElse(null);
    }

    private static boolean isPresent() {
        try {
            Class.forName("io.smallrye.reactive.messaging.TracingMetadata", false,
                    SmallRyeTracing.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
