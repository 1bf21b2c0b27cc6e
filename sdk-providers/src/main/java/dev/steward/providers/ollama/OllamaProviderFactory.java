package dev.steward.providers.ollama;

import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.InferenceProviderFactory;
import dev.steward.api.spi.ProviderSettings;
import dev.steward.providers.internal.SettingValues;
import java.time.Duration;
import java.util.Set;

/**
 * Creates {@link OllamaProvider}s for {@code steward.provider.<name>.type=ollama}. {@code model} is required;
 * {@code base-url} defaults to {@code http://localhost:11434}.
 */
public final class OllamaProviderFactory implements InferenceProviderFactory {

    /** The type name configuration selects. */
    public static final String TYPE = "ollama";

    private static final Set<String> KEYS =
            Set.of("base-url", "model", "temperature", "seed", "top-k", "top-p", "context-size");

    /** Creates the factory; {@link java.util.ServiceLoader} uses this constructor. */
    public OllamaProviderFactory() {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    /**
     * Creates an Ollama provider. Nothing is sent to the server until the first call.
     *
     * @param settings the provider's configuration
     * @return the provider
     * @throws ConfigurationException naming the key when {@code model} is missing or a value is invalid
     */
    @Override
    public InferenceProvider create(ProviderSettings settings) {
        SettingValues values = SettingValues.of(settings);
        String baseUrl = values.string("base-url").isPresent()
                ? values.requireHttpUrl("base-url").toString()
                : "http://localhost:11434";
        String model = values.require("model");
        OllamaChatModel.OllamaChatModelBuilder builder = OllamaChatModel.builder()
                .baseUrl(baseUrl)
                .modelName(model)
                .timeout(values.duration("timeout", Duration.ofSeconds(60)))
                // Steward's route owns retries; a second layer would multiply attempts and hide them from audit
                .maxRetries(0);
        values.decimal("temperature", 0, 5).ifPresent(builder::temperature);
        values.decimal("top-p", 0, 1).ifPresent(builder::topP);
        if (values.string("seed").isPresent()) {
            builder.seed(values.integer("seed", 0, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (values.string("top-k").isPresent()) {
            builder.topK(values.integer("top-k", 40, 1, 100_000));
        }
        if (values.string("context-size").isPresent()) {
            builder.numCtx(values.integer("context-size", 2048, 16, 1 << 20));
        }
        return new OllamaProvider(settings.name(), model, builder.build());
    }
}
