package dev.steward.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's table of the CDI integration's keys is the user's reference: an undocumented key is a bug. */
class ReadmeDocumentsEveryKeyTest {

    @Test
    void everyKeyOfCdiConfigKeysIsInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> missing = new ArrayList<>();
        for (Field f : CdiConfigKeys.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String key = (String) f.get(null);
                if (key.startsWith("steward.") && !readme.contains("`" + key + "`")) {
                    missing.add(key);
                }
            }
        }
        assertThat(missing).as("keys missing from README.md").isEmpty();
    }
}
