package dev.steward.core.register;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.steward.core.config.ConfigReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Every capability an application declares, as {@code steward-register} writes it at compile time to
 * {@value #RESOURCE} (with a readable page at {@value #PAGE}). Integrations load it with {@link #load(ClassLoader)} and
 * serve {@link #live(ConfigReader)}: the register merged with the configuration as it is now. Immutable.
 *
 * @param format the file format's version, {@value #FORMAT}
 * @param capabilities the capabilities, ordered by name
 */
public record CapabilityRegister(int format, List<RegisteredCapability> capabilities) {

    /** The classpath resource of the register. */
    public static final String RESOURCE = "META-INF/steward/capabilities.json";

    /** The classpath resource of the readable page. */
    public static final String PAGE = "META-INF/steward/capabilities.md";

    /** The format version this class writes and reads. */
    public static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * Validates and orders the components.
     *
     * @throws IllegalArgumentException if the format is not {@value #FORMAT}
     */
    public CapabilityRegister {
        if (format != FORMAT) {
            throw new IllegalArgumentException(
                    "capability register format " + format + " is not supported; this Steward reads format " + FORMAT);
        }
        capabilities = capabilities == null
                ? List.of()
                : capabilities.stream()
                        .sorted(Comparator.comparing(RegisteredCapability::name)
                                .thenComparing(RegisteredCapability::source))
                        .toList();
    }

    /**
     * A register of the current format.
     *
     * @param capabilities the capabilities, in any order
     * @return the register
     */
    public static CapabilityRegister of(List<RegisteredCapability> capabilities) {
        return new CapabilityRegister(FORMAT, capabilities);
    }

    /**
     * Reads a register from its JSON form.
     *
     * @param json the JSON
     * @return the register
     * @throws IllegalArgumentException if the text is not a register of a supported format
     */
    public static CapabilityRegister parse(String json) {
        try {
            CapabilityRegister register = MAPPER.readValue(json, CapabilityRegister.class);
            if (register == null) {
                throw new IllegalArgumentException("empty capability register");
            }
            return register;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a capability register: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Loads and merges every {@value #RESOURCE} a class loader sees (one per jar or WAR that was compiled with the
     * processor).
     *
     * @param loader the class loader
     * @return the merged register; empty when there is none
     * @throws IllegalArgumentException if a resource is not a register, naming it
     * @throws UncheckedIOException if a resource cannot be read
     */
    public static CapabilityRegister load(ClassLoader loader) {
        List<RegisteredCapability> all = new ArrayList<>();
        try {
            Enumeration<URL> resources = loader.getResources(RESOURCE);
            while (resources.hasMoreElements()) {
                URL url = resources.nextElement();
                String json;
                try (InputStream in = url.openStream()) {
                    json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                try {
                    all.addAll(parse(json).capabilities());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(url + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return of(all);
    }

    /**
     * The JSON form, indented.
     *
     * @return the JSON
     */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a capability register is always writable as JSON", e);
        }
    }

    /**
     * The register as a Markdown page: one table of all capabilities, then one section per capability.
     *
     * @return the Markdown text
     */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Capability register\n\n");
        md.append("Generated from the code at compile time; do not edit.\n\n");
        if (capabilities.isEmpty()) {
            return md.append("No capability is declared.\n").toString();
        }
        md.append("| capability | owner | risk | data classes | route | approval | prompt |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (RegisteredCapability c : capabilities) {
            md.append("| ")
                    .append(cell(c.name()))
                    .append(" | ")
                    .append(cell(orDash(c.owner())))
                    .append(" | ")
                    .append(c.risk())
                    .append(" | ")
                    .append(cell(c.dataClasses().isEmpty() ? "—" : String.join(", ", c.dataClasses())))
                    .append(" | ")
                    .append(cell(c.route()))
                    .append(" | ")
                    .append(cell(c.approval() == null ? "—" : c.approval().role()))
                    .append(" | ")
                    .append(cell(c.prompt().id()))
                    .append(" |\n");
        }
        for (RegisteredCapability c : capabilities) {
            md.append("\n## ").append(c.name()).append("\n\n");
            md.append("- Declared by: `").append(c.source()).append("`\n");
            md.append("- Owner: ").append(orDash(c.owner())).append('\n');
            md.append("- Risk tier: ").append(c.risk()).append('\n');
            md.append("- Data classes: ")
                    .append(c.dataClasses().isEmpty() ? "none" : String.join(", ", c.dataClasses()))
                    .append('\n');
            md.append("- Route: `").append(c.route()).append("`\n");
            md.append("- Approval: ").append(approval(c.approval())).append('\n');
            md.append("- Cost ceilings: ").append(ceilings(c.ceilings())).append('\n');
            md.append("- Fallback: ")
                    .append(c.fallback() == null ? "none" : "`" + c.fallback() + "`")
                    .append('\n');
            md.append("- Tools: ")
                    .append(c.tools().isEmpty() ? "none" : String.join(", ", c.tools()))
                    .append('\n');
            md.append("- Prompt: `")
                    .append(c.prompt().id())
                    .append("`, ")
                    .append(
                            c.prompt().declaredVersion() == null
                                    ? "latest version unless configured"
                                    : "version " + c.prompt().declaredVersion() + " pinned by the annotation")
                    .append('\n');
            if (!c.prompt().versions().isEmpty()) {
                md.append("\n| prompt version | SHA-256 |\n|---|---|\n");
                for (RegisteredCapability.PromptVersion v : c.prompt().versions()) {
                    md.append("| ")
                            .append(cell(v.version()))
                            .append(" | `")
                            .append(v.sha256())
                            .append("` |\n");
                }
            }
        }
        return md.toString();
    }

    /**
     * The register merged with the configuration as it is now: whether each capability is switched on, its route,
     * the prompt version calls get, the canary and the effective ceilings.
     *
     * @param config the live configuration
     * @return one entry per capability, in the register's order
     * @throws dev.steward.api.ConfigurationException if a capability's canary percentage is not a number in [0, 100]
     */
    public List<LiveCapability> live(ConfigReader config) {
        Objects.requireNonNull(config, "config");
        return capabilities.stream().map(c -> LiveCapability.of(c, config)).toList();
    }

    private static String approval(RegisteredCapability.Approval a) {
        if (a == null) {
            return "not required";
        }
        return "role `" + a.role() + "`, "
                + (a.belowConfidence() == null ? "every answer" : "answers below confidence " + a.belowConfidence())
                + ", expires after " + a.expiry();
    }

    private static String ceilings(RegisteredCapability.Ceilings c) {
        if (c == null) {
            return "none declared";
        }
        List<String> parts = new ArrayList<>();
        if (c.perCall() != null) {
            parts.add(c.perCall() + " per call");
        }
        if (c.perUser() != null) {
            parts.add(c.perUser() + " per user");
        }
        if (c.perTenant() != null) {
            parts.add(c.perTenant() + " per tenant");
        }
        String limits = parts.isEmpty() ? "none" : String.join(", ", parts);
        String degrade = "DEGRADE".equals(c.onExceeded()) ? "; degrades to route `" + c.degradeRoute() + "`" : "";
        return limits + " (period " + c.period() + ")" + degrade;
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    // a pipe or a line break would end the table cell
    private static String cell(String s) {
        return s.chars()
                .mapToObj(ch -> ch == '|' ? "\\|" : ch == '\n' || ch == '\r' ? " " : String.valueOf((char) ch))
                .collect(Collectors.joining());
    }
}
