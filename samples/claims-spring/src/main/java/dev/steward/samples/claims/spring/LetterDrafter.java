package dev.steward.samples.claims.spring;

import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import org.springframework.stereotype.Component;

/**
 * The sample's offline letter engine: it writes the department's standard letter from the capability's variables, so
 * the approval and budget flow works with no gateway and no model. Steward takes it as a provider because it is a
 * Spring bean implementing {@link InferenceProvider}; the {@code letters} route puts it after the gateway. Its tokens
 * are words: it stops after the request's output limit and reports the words it read and wrote.
 */
@Component
public class LetterDrafter implements InferenceProvider {

    @Override
    public String name() {
        return "letter-drafter";
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        String letter = "Dear " + request.variables().getOrDefault("policyHolder", "customer")
                + ",\n\nThank you for your patience with claim "
                + request.variables().getOrDefault("claimId", "") + ". "
                + request.variables().getOrDefault("decision", "")
                + "\n\nIf you have questions, reply to this letter quoting the claim number.\n\nYours sincerely,\n"
                + "Claims Department";
        String[] words = letter.split("(?<=\\S)(?=\\s)");
        int kept = Math.min(words.length, request.maxOutputTokens());
        String answer = String.join("", java.util.Arrays.copyOf(words, kept)).stripTrailing();
        long read = request.messages().stream()
                .mapToLong(m -> m.content().isBlank() ? 0 : m.content().trim().split("\\s+").length)
                .sum();
        return InferenceResponse.of(answer, "letter-template-1", new TokenUsage(read, kept));
    }
}
