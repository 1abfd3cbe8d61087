package io.github.natsjetstream.opentelemetry;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import io.opentelemetry.context.Context;

/**
 * The context of the consumer span of each delivery still in memory, keyed by the jnats message, so
 * that {@link JetStreamTracing#contextOf} finds it from any view of the message. The keys are weak, so
 * an entry goes away once the application and the connector drop the message, acked or not. jnats
 * messages do not override {@code equals}, so each delivery is its own key.
 */
final class ReceivedContexts {

    private static final Map<io.nats.client.Message, Context> CONTEXTS = Collections.synchronizedMap(new WeakHashMap<>());

    private ReceivedContexts() {
    }

    static void put(io.nats.client.Message raw, Context context) {
        CONTEXTS.put(raw, context);
    }

    /** Returns the context of the consumer span of the delivery, or {@code null} when it was not traced. */
    static Context get(io.nats.client.Message raw) {
        return CONTEXTS.get(raw);
    }
}
