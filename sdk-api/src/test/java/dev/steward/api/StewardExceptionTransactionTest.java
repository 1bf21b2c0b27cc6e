package dev.steward.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Steward's exceptions are EJB application exceptions that leave the caller's transaction alone, and still load and
 * throw where no EJB API exists.
 */
class StewardExceptionTransactionTest {

    @Test
    void everyStewardExceptionIsAJakartaApplicationExceptionThatDoesNotRollBack() {
        jakarta.ejb.ApplicationException declared =
                StewardException.class.getAnnotation(jakarta.ejb.ApplicationException.class);

        assertThat(declared).isNotNull();
        assertThat(declared.rollback()).isFalse();
        // inherited: the container applies it to every subclass, including ones an application writes
        assertThat(declared.inherited()).isTrue();
    }

    @Test
    void everyStewardExceptionIsAJavaxApplicationExceptionThatDoesNotRollBack() {
        javax.ejb.ApplicationException declared =
                StewardException.class.getAnnotation(javax.ejb.ApplicationException.class);

        assertThat(declared).isNotNull();
        assertThat(declared.rollback()).isFalse();
        assertThat(declared.inherited()).isTrue();
    }

    @Test
    void loadsAndThrowsEveryExceptionWhereNoEjbApiIsPresent() throws Exception {
        Path classes = Path.of(StewardException.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        // only this jar's classes over the JDK: what an application without an EJB container sees
        try (URLClassLoader withoutEjb =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> withoutEjb.loadClass("jakarta.ejb.ApplicationException"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> withoutEjb.loadClass("javax.ejb.ApplicationException"))
                    .isInstanceOf(ClassNotFoundException.class);

            List<String> exceptions = exceptionClassNames(classes);
            assertThat(exceptions).contains("dev.steward.api.ApprovalPendingException");
            for (String name : exceptions) {
                Class<?> type = Class.forName(name, true, withoutEjb);
                assertThat(type.getClassLoader()).isSameAs(withoutEjb);
                // the annotations whose classes are missing are dropped, not an error
                assertThat(type.getAnnotations()).as(name).isEmpty();
            }

            for (String name : List.of(
                    "dev.steward.api.ApprovalPendingException",
                    "dev.steward.api.BudgetExceededException",
                    "dev.steward.api.CapabilityDeniedException")) {
                Constructor<?> constructor =
                        Class.forName(name, true, withoutEjb).getConstructor(String.class, String.class, String.class);
                RuntimeException thrown =
                        (RuntimeException) constructor.newInstance("claims.adjust", "x-1", "refused for the test");
                assertThatThrownBy(() -> {
                            throw thrown;
                        })
                        .isSameAs(thrown)
                        .hasMessage("refused for the test");
                assertThat(thrown.getClass().getSuperclass().getName()).isEqualTo(StewardException.class.getName());
            }
        }
    }

    private static List<String> exceptionClassNames(Path classes) throws IOException {
        Path api = classes.resolve("dev/steward/api");
        try (Stream<Path> files = Files.list(api)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith("Exception.class"))
                    .map(n -> "dev.steward.api." + n.substring(0, n.length() - ".class".length()))
                    .sorted()
                    .toList();
        }
    }
}
