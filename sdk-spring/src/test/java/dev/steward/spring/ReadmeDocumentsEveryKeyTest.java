package dev.steward.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's table of the integrations' keys is the user's reference: an undocumented key is a bug. */
class ReadmeDocumentsEveryKeyTest {

    @Test
    void everyKeyOfSpringConfigKeysIsInTheReadme() throws Exception {
        Path readme = Path.of("..", "README.md");
        if (!Files.exists(readme)) {
            // the Boot 3.5 test module runs these sources one folder deeper
            readme = Path.of("..", "..", "README.md");
        }
        String text = Files.readString(readme);
        List<String> missing = new ArrayList<>();
        for (Field f : SpringConfigKeys.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String key = (String) f.get(null);
                if (key.startsWith("steward.") && !text.contains("`" + key + "`")) {
                    missing.add(key);
                }
            }
        }
        assertThat(missing).as("keys missing from README.md").isEmpty();
    }
}
