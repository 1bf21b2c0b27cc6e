package dev.steward.providers.llama;

import de.kherud.llama.InferenceParameters;

/**
 * Sampling settings applied to every generation. Immutable.
 *
 * @param temperature 0 for greedy, reproducible decoding
 * @param seed the sampler seed
 * @param topK the top-k cut-off, or {@code null} for the engine's default
 * @param topP the nucleus cut-off, or {@code null} for the engine's default
 * @param repeatPenalty the repetition penalty, or {@code null} for the engine's default
 * @param maxTokens an upper bound on generated tokens, whatever a request asks
 */
record GenerationSettings(float temperature, int seed, Integer topK, Float topP, Float repeatPenalty, int maxTokens) {

    InferenceParameters apply(InferenceParameters parameters) {
        parameters.setTemperature(temperature).setSeed(seed).setCachePrompt(false);
        if (topK != null) {
            parameters.setTopK(topK);
        }
        if (topP != null) {
            parameters.setTopP(topP);
        }
        if (repeatPenalty != null) {
            parameters.setRepeatPenalty(repeatPenalty);
        }
        return parameters;
    }
}
