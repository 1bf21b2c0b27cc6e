package dev.steward.register;

import dev.steward.core.prompt.PromptHash;
import dev.steward.core.prompt.VersionOrder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.StandardLocation;

/**
 * Reads the classpath prompt registry's files as the compiler sees them: first the folders named by the
 * {@value CapabilityRegisterProcessor#RESOURCES_OPTION} option, then the class output (where Maven has copied
 * {@code src/main/resources} before compiling), the source path and the class path (prompts shipped in a dependency).
 * The first location that lists an id's versions answers for that id.
 */
final class PromptSource {

    /** A version's text and hash, as the registry would load it. */
    record Version(String version, String text, String sha256) {}

    /** What a prompt id's {@code versions} file lists, where it was found, and the versions whose file is missing. */
    record Listing(String where, List<Version> versions, List<String> missing) {}

    private static final String[] EXTENSIONS = {".txt", ".md"};

    private final Filer filer;
    private final List<Path> folders;
    private final String location;

    PromptSource(Filer filer, List<Path> folders, String location) {
        this.filer = filer;
        this.folders = List.copyOf(folders);
        this.location = location.replaceAll("^/+|/+$", "");
    }

    /**
     * The versions of a prompt id, oldest first.
     *
     * @return the listing, or empty when no location has a {@code versions} file for the id
     */
    Optional<Listing> versions(String id) {
        for (Path folder : folders) {
            Path listFile = folder.resolve(location).resolve(id).resolve("versions");
            if (Files.isRegularFile(listFile)) {
                return Optional.of(
                        listing(listFile.toString(), read(listFile).orElse(""), v -> fromFolder(folder, id, v)));
            }
        }
        for (JavaFileManager.Location where :
                List.of(StandardLocation.CLASS_OUTPUT, StandardLocation.SOURCE_PATH, StandardLocation.CLASS_PATH)) {
            Optional<String> list = fromFiler(where, location + "/" + id + "/versions");
            if (list.isPresent()) {
                return Optional.of(listing(where.getName(), list.get(), v -> fromFiler(where, id, v)));
            }
        }
        return Optional.empty();
    }

    private interface TextOf {
        Optional<String> read(String version);
    }

    private static Listing listing(String where, String list, TextOf textOf) {
        List<String> labels = new ArrayList<>(list.lines()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .distinct()
                .toList());
        labels.sort(VersionOrder.INSTANCE);
        List<Version> versions = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String label : labels) {
            Optional<String> text = textOf.read(label);
            if (text.isPresent()) {
                versions.add(new Version(label, text.get(), PromptHash.of(text.get())));
            } else {
                missing.add(label);
            }
        }
        return new Listing(where, versions, missing);
    }

    private Optional<String> fromFolder(Path folder, String id, String version) {
        for (String ext : EXTENSIONS) {
            Optional<String> text = read(folder.resolve(location).resolve(id).resolve(version + ext));
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    private Optional<String> fromFiler(JavaFileManager.Location where, String id, String version) {
        for (String ext : EXTENSIONS) {
            Optional<String> text = fromFiler(where, location + "/" + id + "/" + version + ext);
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    // A location the compiler does not have (no source path given), or a file that is not there, is simply not an
    // answer: the compiler reports both as exceptions.
    private Optional<String> fromFiler(JavaFileManager.Location where, String relativeName) {
        try {
            FileObject file = filer.getResource(where, "", relativeName);
            try (InputStream in = file.openInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
