package dev.steward.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The eval set of one prompt: every row of the {@code *.jsonl} files in {@value #LOCATION}{@code /<prompt>/} on the
 * class path, files in name order. Each line is one row:
 *
 * <pre>{@code {"id": "water-1", "inputs": {"description": "Water leaked ..."}, "expect": {"label": "property"}}}</pre>
 *
 * {@code inputs} binds the prompt's variables by name; {@code expect} is an {@link Expectation}; {@code id} is
 * optional (default {@code <file>:<line>}). Blank lines and lines starting with {@code //} are skipped. Immutable.
 *
 * @param prompt the prompt id
 * @param rows the rows, in file and line order
 */
public record EvalSet(String prompt, List<Row> rows) {

    /** The classpath folder of eval sets. */
    public static final String LOCATION = "META-INF/steward/evals";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Copies the rows.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public EvalSet {
        Objects.requireNonNull(prompt, "prompt");
        rows = List.copyOf(rows);
    }

    /**
     * One eval row.
     *
     * @param id the row's id, unique in the set
     * @param inputs the values of the prompt's variables
     * @param expect what the answer must meet
     */
    public record Row(String id, Map<String, Object> inputs, Expectation expect) {

        /**
         * Copies the inputs.
         *
         * @throws NullPointerException if a component is {@code null}
         */
        public Row {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(expect, "expect");
            inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        }
    }

    /**
     * Loads a prompt's eval set from the class path.
     *
     * @param loader the class loader
     * @param prompt the prompt id
     * @return the set
     * @throws IllegalArgumentException naming the file and line of a malformed row or a repeated id, or when the
     *     prompt has no rows at all
     * @throws UncheckedIOException if a file cannot be read
     */
    public static EvalSet load(ClassLoader loader, String prompt) {
        String folder = LOCATION + "/" + prompt;
        Map<String, String> files = new TreeMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(folder);
            while (roots.hasMoreElements()) {
                collect(roots.nextElement(), files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            rows.addAll(parse(file.getKey(), file.getValue()));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(
                    "prompt '" + prompt + "' has no eval rows; add " + folder + "/<name>.jsonl to the class path");
        }
        return new EvalSet(prompt, unique(rows));
    }

    /**
     * Parses the rows of one JSON-lines text.
     *
     * @param name the file's name, for ids and messages
     * @param text the text
     * @return the rows
     * @throws IllegalArgumentException naming the line of a malformed row
     */
    public static List<Row> parse(String name, String text) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            String where = name + ":" + (i + 1);
            try {
                JsonNode row = JSON.readTree(line);
                if (!row.isObject()) {
                    throw new IllegalArgumentException("a row must be a JSON object");
                }
                JsonNode inputs = row.path("inputs");
                if (!inputs.isObject()) {
                    throw new IllegalArgumentException("inputs must be an object of the prompt's variables");
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    values.put(
                            e.getKey(),
                            e.getValue().isValueNode()
                                    ? e.getValue().asText()
                                    : e.getValue().toString());
                }
                String id = row.hasNonNull("id") ? row.get("id").asText() : where;
                rows.add(new Row(id, values, Expectation.of(row.get("expect"))));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private static List<Row> unique(List<Row> rows) {
        Map<String, Row> byId = new LinkedHashMap<>();
        for (Row r : rows) {
            if (byId.putIfAbsent(r.id(), r) != null) {
                throw new IllegalArgumentException("eval row id '" + r.id() + "' appears twice");
            }
        }
        return rows;
    }

    // a class loader cannot list a folder portably: the two forms a build produces are read directly
    private static void collect(URL root, Map<String, String> files) throws IOException {
        if ("file".equals(root.getProtocol())) {
            Path dir;
            try {
                dir = Path.of(root.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("bad folder URL " + root, e);
            }
            try (Stream<Path> listed = Files.list(dir)) {
                for (Path p :
                        listed.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                    files.putIfAbsent(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } else if ("jar".equals(root.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            String prefix = connection.getEntryName() + "/";
            try (JarFile jar = connection.getJarFile()) {
                for (JarEntry entry : jar.stream().toList()) {
                    String name = entry.getName();
                    if (name.startsWith(prefix) && name.endsWith(".jsonl") && name.indexOf('/', prefix.length()) < 0) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            files.putIfAbsent(
                                    name.substring(prefix.length()),
                                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
    }
}
