package dev.steward.opentelemetry.it.app;

import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The test WAR's provider, declared as a CDI bean: a fixed answer and usage, so the spans' values are known. */
@ApplicationScoped
public class CannedProvider implements InferenceProvider {

    @Override
    public String name() {
        return "canned";
    }

    @Override
    public Optional<String> model() {
        return Optional.of("canned-model");
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        return InferenceResponse.of("a short summary", "canned-model-v2", new TokenUsage(21, 7));
    }
}
