package dev.steward.cdi.rest;

import dev.steward.api.CallerContext;
import dev.steward.cdi.internal.MicroProfileConfigValues;
import dev.steward.cdi.internal.StewardRuntime;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.register.CapabilityRegister;
import dev.steward.core.register.LiveCapability;
import dev.steward.core.web.CapabilityView;
import dev.steward.core.web.ErrorView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The capability register, at {@code steward/capabilities} below the application path: {@code GET
 * steward/capabilities} returns every capability as the code declares it (the {@value CapabilityRegister#RESOURCE}
 * that {@code steward-register} wrote at compile time) merged with the configuration as it is now: whether it is
 * switched on, its route, the prompt version calls get and what chose it, the canary, and the cost ceilings in force
 * (see {@link LiveCapability} and {@link CapabilityView}). The caller needs one of the roles of {@code steward.cdi.rest.audit-roles} (default
 * {@code steward-auditor}): the register is a compliance artifact, read by those who read the audit log.
 *
 * <p>Errors are JSON {@link ErrorView}s: 401 when not authenticated, 403 without an audit role, 404 when
 * {@code steward.cdi.rest.enabled=false}, 501 when the application was compiled without {@code steward-register}
 * (there is no register to serve).
 */
@Path("steward/capabilities")
@Produces(MediaType.APPLICATION_JSON)
public class StewardCapabilityResource {

    /** Created by the JAX-RS runtime. */
    public StewardCapabilityResource() {}

    /**
     * The register merged with the live configuration.
     *
     * @return one entry per declared capability, ordered by name
     * @throws jakarta.ws.rs.WebApplicationException 401, 403, 404 or 501 as described on the class
     */
    @GET
    public List<CapabilityView> capabilities() {
        StewardRuntime runtime = RestAccess.runtime();
        CallerContext caller = RestAccess.authenticatedCaller(runtime);
        if (runtime.auditRoles().stream().noneMatch(caller::hasRole)) {
            throw RestAccess.error(
                    Response.Status.FORBIDDEN,
                    "register-not-allowed",
                    "reading the capability register needs one of the roles " + runtime.auditRoles(),
                    null,
                    null);
        }
        // read per request: a few kilobytes, and the application's class loader is the one of the request's thread
        CapabilityRegister register =
                CapabilityRegister.load(Thread.currentThread().getContextClassLoader());
        if (register.capabilities().isEmpty()) {
            throw RestAccess.error(
                    Response.Status.NOT_IMPLEMENTED,
                    "register-not-generated",
                    "the application has no " + CapabilityRegister.RESOURCE + "; compile it with steward-register"
                            + " as a provided dependency or annotation processor",
                    null,
                    null);
        }
        return register.live(new ConfigReader(new MicroProfileConfigValues(ConfigProvider.getConfig()))).stream()
                .map(CapabilityView::of)
                .toList();
    }
}
