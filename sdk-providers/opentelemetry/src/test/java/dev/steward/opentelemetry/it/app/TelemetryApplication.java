package dev.steward.opentelemetry.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The test WAR's JAX-RS application. */
@ApplicationPath("api")
public class TelemetryApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SummaryResource.class);
    }
}
