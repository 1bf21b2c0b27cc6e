package dev.steward.cdi.it.app;

import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The test WAR's provider, declared as a CDI bean: answers with the rendered prompt, or, asked for a typed answer, with
 * a JSON object whose {@code reasons} quote the prompt.
 */
@ApplicationScoped
public class EchoProvider implements InferenceProvider {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        String prompt = request.messages().get(request.messages().size() - 1).content();
        if (request.responseSchema() != null) {
            // the schema travels as instructions after a blank line, since this provider has no structured output
            String asked = prompt.split("\n\n", 2)[0];
            return InferenceResponse.of(
                    "{\"team\":\"STANDARD\",\"confidence\":0.7,\"reasons\":[\"" + asked + "\"]}",
                    "echo-model",
                    new TokenUsage(8, 4));
        }
        return InferenceResponse.of("model says: " + prompt, "echo-model", new TokenUsage(8, 4));
    }
}
