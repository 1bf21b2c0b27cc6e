package dev.steward.providers.testing;

import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.InferenceProviderFactory;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * The local llama.cpp engine over the {@link AlphabetModel}, configured as users would configure it. The engine is
 * found through the {@link ServiceLoader}, as Steward finds it, so {@code steward-provider-llama} must be on the
 * test classpath.
 */
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
     * @throws IllegalStateException if {@code steward-provider-llama} is not on the classpath
     */
    public static InferenceProvider start(String name, int parallel) {
        return factory()
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

    /**
     * The local engine's factory.
     *
     * @return the factory registered for type {@code local-llama}
     * @throws IllegalStateException if {@code steward-provider-llama} is not on the classpath
     */
    public static InferenceProviderFactory factory() {
        for (InferenceProviderFactory f : ServiceLoader.load(InferenceProviderFactory.class)) {
            if (f.type().equals("local-llama")) {
                return f;
            }
        }
        throw new IllegalStateException("no local-llama provider: add steward-provider-llama to the test classpath");
    }
}
