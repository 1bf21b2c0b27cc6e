package dev.steward.cdi.it.ejb;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The EJB test WAR's JAX-RS application. */
@ApplicationPath("api")
public class LedgerApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(LedgerResource.class);
    }
}
