package dev.steward.api.spi;

import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;

/**
 * Answers inference requests: an AI gateway, a model server or an in-process engine. Routes refer to providers by
 * {@link #name()}. Implementations must be thread-safe; Steward applies timeouts, retries and circuit breaking
 * around them, so an implementation makes exactly one try per call.
 *
 * <p>A provider may hold resources (HTTP client threads, a loaded model, native memory); {@link #close()} releases
 * them.
 */
public interface InferenceProvider extends AutoCloseable {

    /**
     * The name routes use for this provider, unique in an application.
     *
     * @return the name
     */
    String name();

    /**
     * The model this provider asks, when configuration fixes it. Budgets use it to count a request's input tokens
     * with the model's own tokenizer ({@link TokenCounter}); without it they reserve a safe upper bound.
     *
     * @return the model, or empty when unknown
     */
    default java.util.Optional<String> model() {
        return java.util.Optional.empty();
    }

    /**
     * Whether this provider constrains its output to {@link InferenceRequest#responseSchema()} itself (OpenAI's
     * {@code response_format}, a grammar). When it does not, Steward appends the schema to the request's last
     * message as instructions before calling it. Either way Steward validates the answer.
     *
     * @return {@code false} unless the provider says otherwise
     */
    default boolean supportsResponseSchema() {
        return false;
    }

    /**
     * Whether this provider offers {@link InferenceRequest#tools()} to its model and reports the model's
     * {@link dev.steward.api.InferenceResponse#toolCalls()}. A capability that offers tools fails at startup when a
     * provider of its route does not.
     *
     * @return {@code false} unless the provider says otherwise
     */
    default boolean supportsTools() {
        return false;
    }

    /**
     * Answers one request, making one try.
     *
     * @param request what to answer
     * @return the answer, with the model that gave it and its usage
     * @throws ProviderException when the provider fails; {@link ProviderException#isRetriable()} says whether a
     *     retry may help. Any other exception is treated as a non-retriable failure.
     */
    InferenceResponse infer(InferenceRequest request);

    /**
     * Releases what the provider holds: threads, connections, a loaded model, native memory. Steward calls it once
     * when it closes, for the providers it created from configuration; a provider registered in code is closed by
     * whoever made it. A provider that held something fails a later {@link #infer} with a non-retriable
     * {@link ProviderException}. Calling it again has no further effect. The default holds nothing and does nothing.
     */
    @Override
    default void close() {}
}
