package dev.steward.providers.llama;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.InferenceProviderFactory;
import dev.steward.api.spi.ProviderSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * Creates {@link LocalLlamaProvider}s for {@code steward.provider.<name>.type=local-llama}: loads the GGUF file named
 * by {@code model-path} once, at startup. The keys are listed in the module README.
 */
public final class LocalLlamaProviderFactory implements InferenceProviderFactory {

    /** How long a caller waits for a free engine slot when {@code acquire-timeout} is unset. */
    static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(30);

    /** The type name configuration selects. */
    public static final String TYPE = "local-llama";

    private static final Set<String> KEYS = Set.of(
            "model-path",
            "model-name",
            "prompt-format",
            "context-size",
            "threads",
            "gpu-layers",
            "parallel",
            "acquire-timeout",
            "temperature",
            "seed",
            "top-k",
            "top-p",
            "repeat-penalty",
            "max-tokens",
            "native-log");

    /** Creates the factory; {@link java.util.ServiceLoader} uses this constructor. */
    public LocalLlamaProviderFactory() {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    /**
     * Loads the model and creates the provider.
     *
     * @param settings the provider's configuration
     * @return the provider, which the application should close when it stops
     * @throws ConfigurationException naming the key when {@code model-path} is missing, names no file, names a file
     *     that is not GGUF or that llama.cpp cannot load, or when a number is out of range
     */
    @Override
    public InferenceProvider create(ProviderSettings settings) {
        String pathKey = settings.fullKey("model-path");
        Path file;
        try {
            file = GgufFile.check(Path.of(settings.require("model-path")), pathKey);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(pathKey, "is not a valid file path: " + e.getMessage(), e);
        }
        String fileName = file.getFileName().toString();
        String modelName = settings.get("model-name")
                .orElse(
                        fileName.toLowerCase(Locale.ROOT).endsWith(".gguf")
                                ? fileName.substring(0, fileName.length() - 5)
                                : fileName);
        LocalLlamaProvider.PromptFormat format = LocalLlamaProvider.PromptFormat.valueOf(
                settings.choice("prompt-format", "chat", "chat", "raw").toUpperCase(Locale.ROOT));
        int parallel = settings.integer("parallel", 1, 1, 64);
        // each slot gets its own share of the context, so the default grows with parallelism
        int contextPerSlot = settings.integer("context-size", 2048, 16, 1 << 20);
        int threads =
                settings.integer("threads", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 1024);
        int gpuLayers = settings.integer("gpu-layers", 0, 0, 10_000);
        Duration acquireTimeout =
                settings.duration("acquire-timeout", DEFAULT_ACQUIRE_TIMEOUT).orElse(null);
        boolean nativeLog = settings.bool("native-log", false);
        GenerationSettings generation = new GenerationSettings(
                settings.decimal("temperature", 0, 5).orElse(0.0).floatValue(),
                settings.integer("seed", 42, 0, Integer.MAX_VALUE),
                settings.get("top-k").isPresent() ? settings.integer("top-k", 40, 0, 100_000) : null,
                settings.decimal("top-p", 0, 1).map(Double::floatValue).orElse(null),
                settings.decimal("repeat-penalty", 0, 10)
                        .map(Double::floatValue)
                        .orElse(null),
                settings.integer("max-tokens", 4096, 1, 1 << 20));

        ModelParameters parameters = new ModelParameters()
                .setModel(file.toString())
                .setCtxSize(contextPerSlot * parallel)
                .setParallel(parallel)
                .setThreads(threads);
        if (gpuLayers > 0) {
            parameters.setGpuLayers(gpuLayers);
        }
        if (!nativeLog) {
            // llama.cpp writes straight to the process's stdout, bypassing any logging framework; off by default.
            // LlamaModel.setLogger could redirect it, but with 4.2.0 we saw a process hang at model load once a
            // logging callback was installed
            parameters.disableLog();
        }
        LlamaModel model;
        try {
            model = new LlamaModel(parameters);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new ConfigurationException(pathKey, "llama.cpp could not load " + file + ": " + e.getMessage(), e);
        }
        return new LocalLlamaProvider(
                settings.name(),
                modelName,
                model,
                // fair, so that a caller who has waited longest gets the next free slot
                new Semaphore(parallel, true),
                acquireTimeout,
                format,
                generation);
    }
}
