package io.github.natsjetstream.tck.runtime;

import java.util.Collection;
import java.util.Map;

/**
 * The runtime-specific part of the conformance suite: boots a MicroProfile Reactive Messaging
 * application with its own MicroProfile Config properties and CDI bean classes.
 *
 * <p>Scenarios use only this interface, so the same scenarios can run on every runtime that has
 * an implementation. Each application started here must have its own configuration, because a
 * scenario may run two applications with different properties at the same time.
 */
public interface MessagingRuntime {

    /**
     * Starts an application and returns once its channels are wired to the connector.
     *
     * @param name a short label for logs and container ids, unique names are not required
     * @param properties the MicroProfile Config properties the application reads, for example
     *     {@code mp.messaging.incoming.orders.connector=nats-jetstream}
     * @param beanClasses the application's CDI bean classes, for example the classes with
     *     {@code @Incoming} methods or an injected {@code Emitter}
     * @throws ApplicationStartException if the runtime rejects the deployment, for example
     *     because the connector rejects a channel's configuration
     */
    RunningApplication start(String name, Map<String, String> properties, Collection<Class<?>> beanClasses);
}
