package dev.steward.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration tables are the user's reference: a key the code reads and the README omits is a bug. */
class ReadmeDocumentsEveryKeyTest {

    @Test
    void everyKeyOfConfigKeysIsInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> missing = new ArrayList<>();
        for (Field f : ConfigKeys.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())
                    && f.getType() == String.class
                    && !f.getName().equals("PREFIX")) {
                String key = (String) f.get(null);
                if (!readme.contains("`" + key + "`")) {
                    missing.add(key);
                }
            }
        }
        assertThat(missing).as("keys missing from README.md").isEmpty();
    }
}
