package dev.steward.samples.claims;

import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sample's offline letter engine: it writes the department's standard letter from the capability's variables,
 * so the approval and budget flow works with no gateway and no model. Steward picks it up as a provider because it
 * is a CDI bean implementing {@link InferenceProvider}; the {@code letters} route puts it after the gateway. It
 * counts words as tokens, so a per-user token ceiling is really spent.
 */
@ApplicationScoped
public class LetterDrafter implements InferenceProvider {

    @Override
    public String name() {
        return "letter-drafter";
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        Object holder = request.variables().getOrDefault("policyHolder", "customer");
        Object claimId = request.variables().getOrDefault("claimId", "");
        Object decision = request.variables().getOrDefault("decision", "");
        String letter = "Dear " + holder + ",\n\nThank you for your patience with claim " + claimId + ". " + decision
                + "\n\nIf you have questions, reply to this letter quoting the claim number.\n\nYours sincerely,\n"
                + "Claims Department";
        String prompt =
                request.messages().isEmpty() ? "" : request.messages().get(0).content();
        return InferenceResponse.of(letter, "letter-template-1", new TokenUsage(words(prompt), words(letter)));
    }

    private static long words(String text) {
        String t = text.trim();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
