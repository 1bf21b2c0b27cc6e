package dev.steward.providers.llama;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The provider is an adapter: it speaks the API, never core or a container, and stays apart from other engines. */
@AnalyzeClasses(packages = "dev.steward.providers.llama", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnTheApiNotOnCore = noClasses()
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
    static final ArchRule doesNotReachIntoOtherProviders = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.steward.providers.gateway..",
                    "dev.steward.providers.ollama..",
                    "dev.steward.providers.embeddings..",
                    "dev.steward.providers.internal..");

    @ArchTest
    static final ArchRule noLangChain4j =
            noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.langchain4j..", "ai.onnxruntime..");
}
