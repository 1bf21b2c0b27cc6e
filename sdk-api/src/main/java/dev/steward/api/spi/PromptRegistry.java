package dev.steward.api.spi;

import dev.steward.api.PromptTemplate;
import java.util.List;
import java.util.Optional;

/** Holds versioned prompt templates. Implementations must be thread-safe. */
public interface PromptRegistry {

    /**
     * One version of a prompt.
     *
     * @param id the prompt id
     * @param version the version label
     * @return the template, or empty if the registry has no such id or version
     */
    Optional<PromptTemplate> find(String id, String version);

    /**
     * The versions held for a prompt, oldest first; the last is "latest".
     *
     * @param id the prompt id
     * @return the version labels, empty if the id is unknown
     */
    List<String> versions(String id);
}
