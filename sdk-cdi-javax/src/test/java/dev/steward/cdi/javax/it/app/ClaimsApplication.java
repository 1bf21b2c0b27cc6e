package dev.steward.cdi.javax.it.app;

import dev.steward.cdi.rest.StewardApprovalResource;
import dev.steward.cdi.rest.StewardAuditResource;
import dev.steward.cdi.rest.StewardExceptionMapper;
import java.util.Set;
import javax.ws.rs.ApplicationPath;
import javax.ws.rs.core.Application;

/** The Java EE 8 test WAR's JAX-RS application: it enables Steward's resources by listing them. */
@ApplicationPath("api")
public class ClaimsApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                ClaimsResource.class,
                ProbeResource.class,
                StewardApprovalResource.class,
                StewardAuditResource.class,
                StewardExceptionMapper.class);
    }
}
