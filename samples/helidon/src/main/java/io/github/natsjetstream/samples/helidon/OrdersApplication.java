package io.github.natsjetstream.samples.helidon;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Activates Jakarta REST at the root path. Helidon MP discovers an {@code Application} subclass
 * only when it is a CDI bean, hence the scope.
 */
@ApplicationPath("/")
@ApplicationScoped
public class OrdersApplication extends Application {
}
