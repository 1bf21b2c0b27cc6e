package dev.steward.cdi.it.app;

import dev.steward.cdi.rest.StewardApprovalResource;
import dev.steward.cdi.rest.StewardAuditResource;
import dev.steward.cdi.rest.StewardExceptionMapper;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The test WAR's JAX-RS application: it enables Steward's resources by listing them. */
@ApplicationPath("api")
public class ClaimsApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                ClaimsResource.class,
                AuditProbeResource.class,
                StewardApprovalResource.class,
                StewardAuditResource.class,
                StewardExceptionMapper.class);
    }
}
