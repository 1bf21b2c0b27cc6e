package dev.steward.cdi.javax.it.app;

import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import java.util.concurrent.atomic.AtomicInteger;
import javax.enterprise.context.ApplicationScoped;

/**
 * A provider that fails every other call with a retriable error, so that a single MicroProfile {@code @Retry} turns
 * each request into one failed and one successful governed call.
 */
@ApplicationScoped
public class FlakyProvider implements InferenceProvider {

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public String name() {
        return "flaky";
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        if (calls.incrementAndGet() % 2 == 1) {
            throw ProviderException.retriable(name(), "overloaded, try again", null);
        }
        String prompt = request.messages().get(request.messages().size() - 1).content();
        return InferenceResponse.of("flaky says: " + prompt, "flaky-model", new TokenUsage(8, 4));
    }
}
