package dev.steward.providers.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.InferenceProviderFactory;
import dev.steward.api.spi.ProviderSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates {@link EmbeddingClassifierProvider}s for {@code steward.provider.<name>.type=local-embeddings}, reading the
 * labelled examples from the classpath resource named by {@code examples}: JSON lines of
 * {@code {"text": "...", "label": "..."}}. The embedding model ships inside the LangChain4j artifact and runs
 * offline; it is loaded once per factory.
 */
public final class LocalEmbeddingsProviderFactory implements InferenceProviderFactory {

    /** The type name configuration selects. */
    public static final String TYPE = "local-embeddings";

    private static final Set<String> KEYS = Set.of("examples", "k", "input-variable");

    private final ClassLoader classLoader;

    /** Creates a factory reading examples through the thread context class loader at creation time. */
    public LocalEmbeddingsProviderFactory() {
        this(null);
    }

    /**
     * Creates a factory reading examples through a given class loader.
     *
     * @param classLoader the loader, or {@code null} for the thread context class loader
     */
    public LocalEmbeddingsProviderFactory(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    /**
     * Loads the examples, embeds them and creates the classifier.
     *
     * @param settings the provider's configuration
     * @return the provider
     * @throws ConfigurationException naming the key when {@code examples} is missing, names no resource, or holds a
     *     line that is not a {@code {"text","label"}} object; or when {@code k} is invalid
     */
    @Override
    public InferenceProvider create(ProviderSettings settings) {
        String resource = settings.require("examples");
        List<LabelledExample> examples = read(resource, settings.fullKey("examples"));
        int k = settings.integer("k", 5, 1, 1000);
        // the ONNX session is loaded once per JVM by LangChain4j; each provider owns only the threads that run it
        ExecutorService threads = Executors.newFixedThreadPool(
                Math.max(1, Runtime.getRuntime().availableProcessors()), new ThreadFactory() {
                    private final AtomicInteger count = new AtomicInteger();

                    @Override
                    public Thread newThread(Runnable r) {
                        Thread t =
                                new Thread(r, "steward-embeddings-" + settings.name() + "-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }
                });
        try {
            return new EmbeddingClassifierProvider(
                    settings.name(),
                    new AllMiniLmL6V2QuantizedEmbeddingModel(threads),
                    examples,
                    k,
                    settings.get("input-variable").orElse(null),
                    threads);
        } catch (RuntimeException e) {
            threads.shutdownNow();
            throw e;
        }
    }

    private List<LabelledExample> read(String resource, String key) {
        ClassLoader loader = classLoader != null
                ? classLoader
                : Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader()
                        : LocalEmbeddingsProviderFactory.class.getClassLoader();
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        ObjectMapper json = new ObjectMapper();
        List<LabelledExample> examples = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new ConfigurationException(key, "classpath resource '" + path + "' does not exist");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (IOException e) {
                    throw new ConfigurationException(
                            key, path + " line " + number + " is not JSON: " + e.getMessage(), e);
                }
                JsonNode text = node.path("text");
                JsonNode label = node.path("label");
                if (!text.isTextual()
                        || !label.isTextual()
                        || text.asText().isBlank()
                        || label.asText().isBlank()) {
                    throw new ConfigurationException(
                            key, path + " line " + number + " must be {\"text\": \"...\", \"label\": \"...\"}");
                }
                examples.add(new LabelledExample(text.asText(), label.asText()));
            }
        } catch (IOException e) {
            throw new ConfigurationException(key, "classpath resource '" + path + "' cannot be read", e);
        }
        if (examples.isEmpty()) {
            throw new ConfigurationException(key, "classpath resource '" + path + "' holds no examples");
        }
        return examples;
    }
}
