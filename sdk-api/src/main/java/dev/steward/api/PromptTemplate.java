package dev.steward.api;

import java.util.Objects;

/**
 * One version of a prompt as a registry holds it. Immutable.
 *
 * <p>The template text names variables as <code>{{name}}</code>; they are bound from the capability method's
 * parameters. The content hash lets an auditor prove which exact text was used.
 *
 * @param id the prompt id
 * @param version the version label, for example {@code v2}
 * @param template the template text
 * @param contentHash the lower-case hex SHA-256 of the template's UTF-8 bytes
 */
public record PromptTemplate(String id, String version, String template, String contentHash) {

    /**
     * Validates that no component is missing.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public PromptTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(contentHash, "contentHash");
    }
}
