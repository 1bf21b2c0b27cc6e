package dev.steward.providers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The providers are adapters: they speak the API, never core's internals or a container's types. */
@AnalyzeClasses(packages = "dev.steward.providers", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule providersDependOnTheApiNotOnCore = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.steward.core..")
            .because("a provider must run under any Steward integration and core is free to change");

    @ArchTest
    static final ArchRule noContainerTypes = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "jakarta..", "javax.enterprise..", "org.eclipse.microprofile..", "org.springframework..");

    @ArchTest
    static final ArchRule theGatewayDoesNotReachIntoOtherProviders = noClasses()
            .that()
            .resideInAPackage("dev.steward.providers.gateway..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.steward.providers.ollama..",
                    "dev.steward.providers.llama..",
                    "dev.steward.providers.embeddings..");

    @ArchTest
    static final ArchRule theGatewayNeedsOnlyTheJdkAndJackson = noClasses()
            .that()
            .resideInAPackage("dev.steward.providers.gateway..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("de.kherud..", "dev.langchain4j..")
            .because("it runs on the JDK HTTP client so that it can set per-request headers and read Retry-After");

    @ArchTest
    static final ArchRule onlyTheEngineProviderTouchesLlamaCpp = noClasses()
            .that()
            .resideOutsideOfPackage("dev.steward.providers.llama..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("de.kherud..");
}
