package dev.steward.cdi.javax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.cdi.StewardExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The built steward-cdi-javax jar, as an application would receive it: nothing in it still names a Jakarta type or
 * package, the extension is registered under the Java EE 8 service name, and no class of steward-cdi was lost on
 * the way. Runs after {@code package}, on the jar itself.
 */
class JavaxJarIT {

    // a package or type reference in either form: jakarta/enterprise/... in bytecode, jakarta.enterprise... in text
    private static final Pattern JAKARTA_REFERENCE = Pattern.compile("jakarta[./]");

    private static final String JAVAX_EXTENSION = "META-INF/services/javax.enterprise.inject.spi.Extension";

    @Test
    void holdsNoJakartaReferenceInAnyClassOrResource() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (JarFile jar = new JarFile(System.getProperty("steward.it.jar"))) {
            for (JarEntry entry : jar.stream().filter(e -> !e.isDirectory()).toList()) {
                if (JAKARTA_REFERENCE.matcher(entry.getName()).find()) {
                    offenders.add(entry.getName() + " (name)");
                } else if (JAKARTA_REFERENCE.matcher(content(jar, entry)).find()) {
                    offenders.add(entry.getName());
                }
            }
        }
        assertThat(offenders)
                .as("entries of steward-cdi-javax that still reference a Jakarta package; the transformer rewrites"
                        + " most references, but keeps the original signature string of a generic method declaring"
                        + " type variables over Jakarta types, so write such a method without type variables")
                .isEmpty();
    }

    @Test
    void registersTheExtensionUnderTheJavaxServiceName() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("steward.it.jar"))) {
            JarEntry services = jar.getJarEntry(JAVAX_EXTENSION);
            assertThat(services).as(JAVAX_EXTENSION).isNotNull();
            assertThat(content(jar, services).trim()).isEqualTo(StewardExtension.class.getName());
        }
    }

    @Test
    void holdsEveryClassOfStewardCdi() throws IOException {
        assertThat(classes(System.getProperty("steward.it.jar")))
                .isNotEmpty()
                .isEqualTo(classes(System.getProperty("steward.it.jakarta-jar")));
    }

    private static Set<String> classes(String path) throws IOException {
        try (JarFile jar = new JarFile(path)) {
            Set<String> names = new TreeSet<>();
            jar.stream()
                    .map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class"))
                    .forEach(names::add);
            return names;
        }
    }

    // ISO-8859-1 maps every byte to one char, so class file constants are matched as they are stored
    private static String content(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
