package dev.steward.samples.claims;

import dev.steward.cdi.rest.StewardApprovalResource;
import dev.steward.cdi.rest.StewardAuditResource;
import dev.steward.cdi.rest.StewardCapabilityResource;
import dev.steward.cdi.rest.StewardExceptionMapper;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The REST application; Steward's approval and audit resources are enabled here, explicitly. */
@ApplicationPath("api")
public class ClaimsApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                ClaimResource.class,
                MeResource.class,
                RequestBodyLimit.class,
                TenantCheck.class,
                MalformedJsonMapper.class,
                StewardApprovalResource.class,
                StewardAuditResource.class,
                StewardCapabilityResource.class,
                StewardExceptionMapper.class);
    }
}
