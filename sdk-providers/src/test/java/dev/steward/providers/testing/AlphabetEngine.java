package dev.steward.providers.testing;

import dev.steward.api.spi.InferenceProvider;
import dev.steward.providers.llama.LocalLlamaProviderFactory;
import java.nio.file.Path;

/** The local llama.cpp engine over the {@link AlphabetModel}, configured as users would configure it. */
public final class AlphabetEngine {

    private AlphabetEngine() {}

    /**
     * Where the model is written: the build's output folder.
     *
     * @return the model file, written if missing
     */
    public static Path modelFile() {
        return AlphabetModel.writeTo(Path.of("target", "models", "alphabet.gguf"));
    }

    /**
     * Loads the engine.
     *
     * @param name the provider name
     * @param parallel how many generations may run at once
     * @return the provider; close it when done
     */
    public static InferenceProvider start(String name, int parallel) {
        return new LocalLlamaProviderFactory()
                .create(MapSettings.of(
                        name,
                        "model-path",
                        modelFile().toString(),
                        "model-name",
                        AlphabetModel.NAME,
                        "prompt-format",
                        "raw",
                        "context-size",
                        "256",
                        "threads",
                        "1",
                        "parallel",
                        String.valueOf(parallel)));
    }
}
