package dev.steward.cdi.javax.it.app;

import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import javax.enterprise.context.ApplicationScoped;

/** The test WAR's provider, declared as a CDI bean: answers with the rendered prompt. */
@ApplicationScoped
public class EchoProvider implements InferenceProvider {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        String prompt = request.messages().get(request.messages().size() - 1).content();
        return InferenceResponse.of("model says: " + prompt, "echo-model", new TokenUsage(8, 4));
    }
}
