package dev.steward.core.spi;

import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;

/** The rest of a provider attempt: later interceptors, then the provider itself. */
@FunctionalInterface
public interface AttemptChain {

    /**
     * Sends the request on.
     *
     * @param request the request, as this interceptor wants the provider to see it
     * @return the provider's answer
     * @throws dev.steward.api.ProviderException when the provider fails
     */
    InferenceResponse proceed(InferenceRequest request);
}
