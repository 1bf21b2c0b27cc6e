package dev.steward.core.internal;

import dev.steward.api.CapabilityDisabledException;
import dev.steward.core.config.ConfigReader;

/** Refuses every call while the global or the capability's switch is off; read per call so it flips live. */
final class KillSwitchStage implements Stage {

    private final String capability;
    private final String key;
    private final ConfigReader config;
    private final Stage next;

    KillSwitchStage(String capability, ConfigReader config, Stage next) {
        this.capability = capability;
        this.key = "steward.capability." + capability + ".enabled";
        this.config = config;
        this.next = next;
    }

    @Override
    public String invoke(Invocation call) throws InterruptedException {
        if (!config.bool(key, true) || !config.bool("steward.enabled", true)) {
            throw new CapabilityDisabledException(capability, call.caller.principal());
        }
        return next.invoke(call);
    }
}
