package io.github.natsjetstream.tck.conformance;

import io.github.natsjetstream.tck.runtime.ApplicationStartException;
import java.util.Map;

/**
 * The runtime-specific part of {@link ConformanceScenarios}: starts the conformance application
 * (module {@code tck-tests/app}) on one runtime with the given MicroProfile Config properties.
 *
 * <p>Each application started here must have its own configuration, because a scenario may run
 * two applications with different properties at the same time.
 */
public interface ConformanceRuntime {

    /**
     * Starts the conformance application and returns once its REST endpoints, or on an in-process
     * runtime its beans, respond.
     *
     * @param name a short label for logs and process names; unique names are not required
     * @param properties the MicroProfile Config properties of the application's channels, which
     *     override the application's own {@code microprofile-config.properties}
     * @throws ApplicationStartException if the runtime fails to deploy the application; its
     *     message contains the runtime's error output, where the connector's error appears
     */
    ConformanceApplication start(String name, Map<String, String> properties);
}
