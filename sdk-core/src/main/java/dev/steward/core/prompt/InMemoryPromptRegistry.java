package dev.steward.core.prompt;

import dev.steward.api.PromptTemplate;
import dev.steward.api.spi.PromptRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Prompts held in memory, added in code: for tests and for applications that build prompts themselves. Versions
 * order by {@link VersionOrder}. Thread-safe.
 */
public final class InMemoryPromptRegistry implements PromptRegistry {

    private final Map<String, ConcurrentSkipListMap<String, PromptTemplate>> prompts = new ConcurrentHashMap<>();

    /**
     * Adds or replaces a version.
     *
     * @param id the prompt id
     * @param version the version
     * @param template the template text
     * @return this registry
     */
    public InMemoryPromptRegistry put(String id, String version, String template) {
        prompts.computeIfAbsent(id, k -> new ConcurrentSkipListMap<>(VersionOrder.INSTANCE))
                .put(version, new PromptTemplate(id, version, template, PromptHash.of(template)));
        return this;
    }

    @Override
    public Optional<PromptTemplate> find(String id, String version) {
        Map<String, PromptTemplate> versions = prompts.get(id);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    @Override
    public List<String> versions(String id) {
        ConcurrentSkipListMap<String, PromptTemplate> versions = prompts.get(id);
        return versions == null ? List.of() : new ArrayList<>(versions.keySet());
    }
}
