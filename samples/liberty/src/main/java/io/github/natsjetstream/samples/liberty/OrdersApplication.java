package io.github.natsjetstream.samples.liberty;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Activates Jakarta REST at the root of the WAR's context root. Open Liberty needs this subclass. */
@ApplicationPath("/")
public class OrdersApplication extends Application {
}
