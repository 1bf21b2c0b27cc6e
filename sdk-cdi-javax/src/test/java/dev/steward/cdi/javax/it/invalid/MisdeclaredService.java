package dev.steward.cdi.javax.it.invalid;

import dev.steward.api.annotation.AiCapability;
import javax.enterprise.context.ApplicationScoped;

/** A governed bean whose prompt does not exist: the WAR must not deploy. */
@ApplicationScoped
public class MisdeclaredService {

    /**
     * Names a prompt that no registry holds.
     *
     * @param claimId the claim
     * @return never
     */
    @AiCapability("claims.missing")
    public String ask(String claimId) {
        return null;
    }
}
