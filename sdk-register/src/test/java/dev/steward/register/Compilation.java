package dev.steward.register;

import dev.steward.api.annotation.AiCapability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** One run of the real Java compiler with the processor over source files written to a folder. */
final class Compilation {

    private static final Pattern CLASS_NAME = Pattern.compile("(?:class|interface)\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("package\\s+([\\w.]+);");

    final Path root;
    final Path output;
    final List<String> sources = new ArrayList<>();
    final List<String> options = new ArrayList<>();
    List<Diagnostic<? extends JavaFileObject>> diagnostics;
    boolean success;

    Compilation(Path root) {
        this.root = root;
        this.output = root.resolve("classes");
    }

    Compilation source(String text) {
        sources.add(text);
        return this;
    }

    Compilation option(String name, String value) {
        options.add("-A" + name + "=" + value);
        return this;
    }

    /** Writes a prompt version and lists it, below a resources folder. */
    static void prompt(Path resources, String id, String version, String text) {
        try {
            Path dir = resources.resolve("META-INF/steward/prompts").resolve(id);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(version + ".txt"), text);
            Path versions = dir.resolve("versions");
            String listed = Files.exists(versions) ? Files.readString(versions) : "";
            Files.writeString(versions, listed + version + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Compilation run() {
        try {
            Path src = root.resolve("src");
            Files.createDirectories(src);
            Files.createDirectories(output);
            List<Path> files = new ArrayList<>();
            for (String text : sources) {
                Matcher pkg = PACKAGE.matcher(text);
                Matcher cls = CLASS_NAME.matcher(text);
                if (!cls.find()) {
                    throw new IllegalArgumentException("no class in " + text);
                }
                Path dir = pkg.find() ? src.resolve(pkg.group(1).replace('.', '/')) : src;
                Files.createDirectories(dir);
                Path file = dir.resolve(cls.group(1) + ".java");
                Files.writeString(file, text);
                files.add(file);
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
            try (StandardJavaFileManager fm = compiler.getStandardFileManager(collector, Locale.ROOT, null)) {
                List<String> args = new ArrayList<>(options);
                args.addAll(List.of(
                        "-d", output.toString(), "-classpath", apiJar().toString(), "--release", "17", "-parameters"));
                JavaCompiler.CompilationTask task =
                        compiler.getTask(null, fm, collector, args, null, fm.getJavaFileObjectsFromPaths(files));
                task.setProcessors(List.of(new CapabilityRegisterProcessor()));
                success = task.call();
            }
            diagnostics = collector.getDiagnostics();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Diagnostic<? extends JavaFileObject>> errors() {
        return diagnostics.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .toList();
    }

    List<Diagnostic<? extends JavaFileObject>> warnings() {
        return diagnostics.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
                .toList();
    }

    Optional<String> output(String resource) {
        Path file = output.resolve(resource);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line of the first source line containing a text. */
    static long lineOf(String source, String text) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(text + " is not in the source");
    }

    private static Path apiJar() {
        try {
            return Path.of(AiCapability.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
