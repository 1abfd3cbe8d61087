package io.github.natsjetstream.samples.quarkus;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves the Jakarta REST resources at the root path. */
@ApplicationPath("/")
public class OrdersApplication extends Application {
}
