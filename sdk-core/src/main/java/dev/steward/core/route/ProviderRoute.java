package dev.steward.core.route;

import dev.steward.api.Attempt;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.core.spi.CallContext;
import java.util.List;

/**
 * A named, ordered chain of guarded providers: the first that answers wins; a failure moves to the next. Immutable
 * and thread-safe.
 */
public final class ProviderRoute {

    private final String name;
    private final List<GuardedProvider> providers;

    /**
     * Creates a route.
     *
     * @param name the route name
     * @param providers the providers, in the order they are tried; empty when all are disabled
     */
    public ProviderRoute(String name, List<GuardedProvider> providers) {
        this.name = name;
        this.providers = List.copyOf(providers);
    }

    /**
     * The route name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The providers, in order.
     *
     * @return the providers
     */
    public List<GuardedProvider> providers() {
        return providers;
    }

    /**
     * An answer and who gave it.
     *
     * @param response the answer
     * @param provider the provider's name
     */
    public record Answer(InferenceResponse response, String provider) {}

    /**
     * Asks each provider in turn.
     *
     * @param request the request
     * @param call the call, for interceptors and observers
     * @param attempts receives every try
     * @return the first answer
     * @throws ProviderException the last provider's failure when none answered
     * @throws InterruptedException if the thread is interrupted
     */
    public Answer call(InferenceRequest request, CallContext call, List<Attempt> attempts) throws InterruptedException {
        if (providers.isEmpty()) {
            throw ProviderException.permanent(
                    "route " + name, "every provider of the route is disabled (steward.provider.<name>.enabled)", null);
        }
        ProviderException last = null;
        for (GuardedProvider provider : providers) {
            try {
                return new Answer(provider.call(forProvider(request, provider), call, attempts), provider.name());
            } catch (ProviderException e) {
                last = e;
            }
        }
        throw last;
    }

    // a provider that cannot constrain its output to the schema reads it as instructions instead
    private static InferenceRequest forProvider(InferenceRequest request, GuardedProvider provider) {
        if (request.responseSchema() == null || provider.provider().supportsResponseSchema()) {
            return request;
        }
        return SchemaInstructions.appendTo(request);
    }
}
