package dev.steward.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Steward asks a provider to answer. Immutable.
 *
 * @param capability the capability name
 * @param prompt the prompt version the messages were rendered from
 * @param messages the rendered messages, in order
 * @param variables the variables bound into the prompt, by name (for providers that work on inputs rather than on
 *     text, such as a classifier)
 * @param maxOutputTokens the most tokens the answer may have
 * @param caller who is calling, for identity propagation
 */
public record InferenceRequest(
        String capability,
        PromptTemplate prompt,
        List<ChatMessage> messages,
        Map<String, Object> variables,
        int maxOutputTokens,
        CallerContext caller) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException if {@code maxOutputTokens} is not positive
     */
    public InferenceRequest {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(prompt, "prompt");
        messages = List.copyOf(messages);
        variables = Map.copyOf(variables);
        Objects.requireNonNull(caller, "caller");
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive, was " + maxOutputTokens);
        }
    }
}
