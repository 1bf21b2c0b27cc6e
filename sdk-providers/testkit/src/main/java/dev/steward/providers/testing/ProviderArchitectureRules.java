package dev.steward.providers.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/** The rules every engine module keeps: an adapter that speaks the API, never core or a container, nor another engine. */
public final class ProviderArchitectureRules {

    private static final List<String> ENGINES = List.of("gateway", "ollama", "llama", "embeddings");

    private ProviderArchitectureRules() {}

    /**
     * A provider uses the API only, so it runs under any Steward integration and core stays free to change.
     *
     * @return the rule
     */
    public static ArchRule dependsOnTheApiNotOnCore() {
        return noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.steward.core..")
                .because("a provider must run under any Steward integration and core is free to change");
    }

    /**
     * A provider knows no container: CDI, MicroProfile and Spring adapt to it, not the other way round.
     *
     * @return the rule
     */
    public static ArchRule usesNoContainerType() {
        return noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta..", "javax.enterprise..", "org.eclipse.microprofile..", "org.springframework..");
    }

    /**
     * An engine reaches into no other engine's package, so each artifact carries only its own dependencies.
     *
     * @param own the engine's own package name below {@code dev.steward.providers}
     * @return the rule
     */
    public static ArchRule staysApartFromOtherEngines(String own) {
        String[] others = ENGINES.stream()
                .filter(e -> !e.equals(own))
                .map(e -> "dev.steward.providers." + e + "..")
                .toArray(String[]::new);
        return noClasses().should().dependOnClassesThat().resideInAnyPackage(others);
    }

    /**
     * An engine does not use the named libraries of other engines.
     *
     * @param packages the libraries' packages, such as {@code de.kherud..}
     * @return the rule
     */
    public static ArchRule usesNone(String... packages) {
        return noClasses().should().dependOnClassesThat().resideInAnyPackage(packages);
    }
}
