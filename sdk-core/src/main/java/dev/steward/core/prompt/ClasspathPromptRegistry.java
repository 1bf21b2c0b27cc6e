package dev.steward.core.prompt;

import dev.steward.api.PromptTemplate;
import dev.steward.api.spi.PromptRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompts shipped in the application's jars, one file per version:
 * {@code <location>/<id>/<version>.txt} (or {@code .md}), where location defaults to
 * {@code META-INF/steward/prompts}. The versions of an id are listed in {@code <location>/<id>/versions}, one per
 * line, because a class loader cannot list a folder portably. Files are read once and cached. Thread-safe.
 */
public final class ClasspathPromptRegistry implements PromptRegistry {

    /** The default location. */
    public static final String DEFAULT_LOCATION = "META-INF/steward/prompts";

    private static final String[] EXTENSIONS = {".txt", ".md"};

    private final ClassLoader loader;
    private final String location;
    private final Map<String, Optional<PromptTemplate>> cache = new ConcurrentHashMap<>();
    private final Map<String, List<String>> versions = new ConcurrentHashMap<>();

    /**
     * A registry reading from a class loader.
     *
     * @param loader the class loader
     * @param location the folder, without leading or trailing slash
     */
    public ClasspathPromptRegistry(ClassLoader loader, String location) {
        this.loader = loader;
        this.location = location.replaceAll("^/+|/+$", "");
    }

    @Override
    public Optional<PromptTemplate> find(String id, String version) {
        return cache.computeIfAbsent(id + '\u0000' + version, k -> load(id, version));
    }

    @Override
    public List<String> versions(String id) {
        return versions.computeIfAbsent(id, this::listVersions);
    }

    private Optional<PromptTemplate> load(String id, String version) {
        for (String ext : EXTENSIONS) {
            Optional<String> text = read(location + "/" + id + "/" + version + ext);
            if (text.isPresent()) {
                return Optional.of(new PromptTemplate(id, version, text.get(), PromptHash.of(text.get())));
            }
        }
        return Optional.empty();
    }

    private List<String> listVersions(String id) {
        List<String> listed = new ArrayList<>();
        read(location + "/" + id + "/versions")
                .ifPresent(text -> text.lines()
                        .map(String::trim)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .forEach(listed::add));
        listed.sort(VersionOrder.INSTANCE);
        return List.copyOf(listed);
    }

    private Optional<String> read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt resource " + resource, e);
        }
    }
}
