package io.github.natsjetstream.tck.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Activates Jakarta REST at the root path. Open Liberty needs an {@code Application} subclass,
 * and Helidon MP discovers one only when it is a CDI bean, hence the scope.
 */
@ApplicationPath("/")
@ApplicationScoped
public class ConformanceRestApplication extends Application {
}
