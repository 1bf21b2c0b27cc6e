package dev.steward.providers.ollama;

import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.InferenceProviderFactory;
import dev.steward.api.spi.ProviderSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates {@link OllamaProvider}s for {@code steward.provider.<name>.type=ollama}. {@code model} is required;
 * {@code base-url} defaults to {@code http://localhost:11434}.
 */
public final class OllamaProviderFactory implements InferenceProviderFactory {

    /** The type name configuration selects. */
    public static final String TYPE = "ollama";

    // the HTTP client needs some bound; this one is as good as none
    private static final Duration NO_TIMEOUT = Duration.ofDays(365);

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
        String baseUrl = settings.get("base-url").isPresent()
                ? settings.httpUrl("base-url").toString()
                : "http://localhost:11434";
        String model = settings.require("model");
        ExecutorService httpThreads = Executors.newCachedThreadPool(new ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "steward-ollama-" + settings.name() + "-http-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        });
        // a JDK client on an executor this provider owns, so that close() can release the client and its threads
        RememberingHttpClientBuilder httpClients =
                new RememberingHttpClientBuilder(HttpClient.newBuilder().executor(httpThreads));
        OllamaChatModel.OllamaChatModelBuilder builder = OllamaChatModel.builder()
                .httpClientBuilder(new JdkHttpClientBuilder().httpClientBuilder(httpClients))
                .baseUrl(baseUrl)
                .modelName(model)
                // the core timeout bounds the whole try; 0 (none) leaves only this very long HTTP bound
                .timeout(settings.timeout().orElse(NO_TIMEOUT))
                // Steward's route owns retries; a second layer would multiply attempts and hide them from audit
                .maxRetries(0);
        settings.decimal("temperature", 0, 5).ifPresent(builder::temperature);
        settings.decimal("top-p", 0, 1).ifPresent(builder::topP);
        if (settings.get("seed").isPresent()) {
            builder.seed(settings.integer("seed", 0, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (settings.get("top-k").isPresent()) {
            builder.topK(settings.integer("top-k", 40, 1, 100_000));
        }
        if (settings.get("context-size").isPresent()) {
            builder.numCtx(settings.integer("context-size", 2048, 16, 1 << 20));
        }
        return new OllamaProvider(settings.name(), model, builder.build(), httpClients, httpThreads);
    }
}
