package dev.steward.providers.testing;

import dev.steward.api.CallerContext;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.PromptTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Inference requests for tests. */
public final class Requests {

    /** The caller every test request comes from. */
    public static final CallerContext ALICE =
            new CallerContext("alice@example.com", Set.of("adjuster"), "acme", "corr-42");

    private Requests() {}

    /**
     * A one-message request from {@link #ALICE}.
     *
     * @param capability the capability
     * @param userText the user message
     * @param maxTokens the most tokens to generate
     * @return the request
     */
    public static InferenceRequest user(String capability, String userText, int maxTokens) {
        return new InferenceRequest(
                capability,
                new PromptTemplate(capability, "v1", "{{text}}", "0".repeat(64)),
                List.of(new ChatMessage(ChatMessage.Role.USER, userText)),
                Map.of("text", userText),
                maxTokens,
                ALICE);
    }
}
