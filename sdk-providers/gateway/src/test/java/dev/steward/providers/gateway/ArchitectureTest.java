package dev.steward.providers.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.steward.providers.testing.ProviderArchitectureRules;

/** The provider is an adapter: it speaks the API, never core or a container, and stays apart from other engines. */
@AnalyzeClasses(packages = "dev.steward.providers.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnTheApiNotOnCore = ProviderArchitectureRules.dependsOnTheApiNotOnCore();

    @ArchTest
    static final ArchRule noContainerTypes = ProviderArchitectureRules.usesNoContainerType();

    @ArchTest
    static final ArchRule doesNotReachIntoOtherProviders =
            ProviderArchitectureRules.staysApartFromOtherEngines("gateway");

    @ArchTest
    static final ArchRule theGatewayNeedsOnlyTheJdkAndJackson = ProviderArchitectureRules.usesNone(
                    "de.kherud..", "dev.langchain4j..", "ai.onnxruntime..")
            .because("it runs on the JDK HTTP client so that it can set per-request headers and read Retry-After");
}
