package dev.steward.samples.claims;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/** Who is signed in, for the console's header. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    /**
     * The signed-in user.
     *
     * @param security the request's security context
     * @return the user's name
     */
    @GET
    public Map<String, String> me(@Context SecurityContext security) {
        return Map.of(
                "name",
                security.getUserPrincipal() == null
                        ? ""
                        : security.getUserPrincipal().getName());
    }
}
