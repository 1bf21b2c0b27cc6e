package dev.steward.providers.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.api.spi.InferenceProviderFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * What every provider artifact promises about its factory: the artifact registers that factory and no other, the
 * {@link ServiceLoader} finds it by its type, and it claims no key that core owns. Each provider module's test
 * extends it.
 */
public abstract class ProviderFactoryContract {

    private static final String SERVICE_FILE = "META-INF/services/" + InferenceProviderFactory.class.getName();

    /** For subclasses. */
    protected ProviderFactoryContract() {}

    /**
     * The factory under test.
     *
     * @return a new factory
     */
    protected abstract InferenceProviderFactory factory();

    @Test
    void theArtifactRegistersItsOwnFactoryAndNoOther() throws IOException, URISyntaxException {
        Class<?> type = factory().getClass();
        // the module's own compiled classes, not the other providers that tests may have on the classpath
        Path classes =
                Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> registered = Files.readAllLines(classes.resolve(SERVICE_FILE)).stream()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();

        assertEquals(List.of(type.getName()), registered);
    }

    @Test
    void theServiceLoaderFindsTheFactoryByItsType() {
        String type = factory().type();

        assertTrue(
                ServiceLoader.load(InferenceProviderFactory.class).stream()
                        .anyMatch(p -> p.get().type().equals(type)
                                && p.type().equals(factory().getClass())),
                type);
    }

    @Test
    void theFactoryClaimsNoKeyThatCoreOwns() {
        for (String coreKey : List.of(
                "type",
                "enabled",
                "timeout",
                "retry.max-attempts",
                "retry.backoff",
                "retry.max-backoff",
                "retry.jitter",
                "circuit-breaker.failure-threshold",
                "circuit-breaker.open-duration")) {
            assertFalse(factory().keys().contains(coreKey), coreKey);
        }
    }
}
