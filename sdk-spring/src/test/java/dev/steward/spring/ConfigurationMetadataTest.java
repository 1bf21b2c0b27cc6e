package dev.steward.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.steward.core.config.ConfigKeys;
import dev.steward.core.config.IdentitySettings;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The starter ships {@code META-INF/spring-configuration-metadata.json} so that IDEs complete and explain the
 * {@code steward.*} keys. It is generated from the key constants (core's, the shared identity keys, the Spring
 * integration's) with the meaning and default of each from the README's configuration tables, and the families
 * ({@code steward.capability.<name>.*}, …) as maps. This test fails when the shipped file is out of date; run it with
 * {@code -Dsteward.metadata.write=true} to rewrite the file.
 */
class ConfigurationMetadataTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(steward\\.[a-z0-9.-]+)` \\| ([^|]*) \\| (.*) \\|$");

    private static final Path SHIPPED = Path.of("src/main/resources/META-INF/spring-configuration-metadata.json");

    @Test
    void theShippedMetadataListsEveryKeyWithItsReadmeMeaning() throws Exception {
        String expected = generate();
        String shipped;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in)
                    .as("META-INF/spring-configuration-metadata.json on the class path")
                    .isNotNull();
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (Boolean.getBoolean("steward.metadata.write") && Files.isDirectory(SHIPPED.getParent())) {
            Files.writeString(SHIPPED, expected);
            return;
        }
        // compared as JSON trees: the pretty printer of each Jackson version may lay the text out differently
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(shipped))
                .as("out of date: run ConfigurationMetadataTest with -Dsteward.metadata.write=true in sdk-spring")
                .isEqualTo(json.readTree(expected));
    }

    private static String generate() throws Exception {
        Map<String, String[]> readme = readmeRows();
        Set<String> keys = new TreeSet<>(ConfigKeys.globalKeys());
        keys.addAll(IdentitySettings.KEYS);
        keys.addAll(SpringConfigKeys.ALL);
        List<Map<String, Object>> properties = new ArrayList<>();
        for (String key : keys) {
            String[] row = readme.get(key);
            assertThat(row).as("README row of " + key).isNotNull();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", key);
            p.put("type", "java.lang.String");
            p.put("description", row[1]);
            if (!row[0].isEmpty()) {
                p.put("defaultValue", row[0]);
            }
            properties.add(p);
        }
        properties.add(family(
                "steward.capability",
                "Per-capability settings, steward.capability.<name>.<setting>: ",
                ConfigKeys.CAPABILITY_SETTINGS));
        properties.add(family(
                "steward.provider",
                "Per-provider settings, steward.provider.<name>.<setting>: ",
                ConfigKeys.PROVIDER_SETTINGS));
        properties.add(family("steward.route", "Routes, steward.route.<name>.<setting>: ", ConfigKeys.ROUTE_SETTINGS));
        properties.add(family("steward.price", "Prices, steward.price.<model>.<setting>: ", ConfigKeys.PRICE_SETTINGS));
        properties.add(family("steward.tool", "Tools, steward.tool.<name>.<setting>: ", ConfigKeys.TOOL_SETTINGS));
        properties.add(family(
                "steward.store",
                "Store backend settings, steward.store.<type>.<setting>, checked against the keys the backend declares",
                Set.of()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(
                "groups",
                List.of(Map.of(
                        "name",
                        "steward",
                        "description",
                        "Steward: governed AI capabilities (see the README's tables)")));
        metadata.put("properties", properties);
        metadata.put("hints", List.of());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(metadata) + "\n";
    }

    private static Map<String, Object> family(String name, String description, Set<String> settings) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("type", "java.util.Map<java.lang.String,java.lang.String>");
        p.put(
                "description",
                settings.isEmpty() ? description : description + String.join(", ", new TreeSet<>(settings)));
        return p;
    }

    // key -> {default, meaning}, as plain text
    private static Map<String, String[]> readmeRows() throws Exception {
        Path readme = Path.of("..", "README.md");
        if (!Files.exists(readme)) {
            readme = Path.of("..", "..", "README.md");
        }
        Map<String, String[]> rows = new TreeMap<>();
        for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line.trim());
            if (m.matches()) {
                String defaultValue = plain(m.group(2));
                rows.putIfAbsent(
                        m.group(1), new String[] {defaultValue.equals("—") ? "" : defaultValue, plain(m.group(3))});
            }
        }
        return rows;
    }

    private static String plain(String markdown) {
        return markdown.replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1")
                .replace("`", "")
                .replace("*", "")
                .trim();
    }
}
