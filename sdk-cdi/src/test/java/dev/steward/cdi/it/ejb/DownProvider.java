package dev.steward.cdi.it.ejb;

import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.spi.InferenceProvider;
import jakarta.enterprise.context.ApplicationScoped;

/** The broken route's provider: always fails, so the capability's fallback answers. */
@ApplicationScoped
public class DownProvider implements InferenceProvider {

    @Override
    public String name() {
        return "down";
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        throw new ProviderException("down", false, null, "the test's provider is always down", null);
    }
}
