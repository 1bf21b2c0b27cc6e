package dev.steward.providers.embeddings;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.steward.providers.testing.ProviderArchitectureRules;

/** The provider is an adapter: it speaks the API, never core or a container, and stays apart from other engines. */
@AnalyzeClasses(packages = "dev.steward.providers.embeddings", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnTheApiNotOnCore = ProviderArchitectureRules.dependsOnTheApiNotOnCore();

    @ArchTest
    static final ArchRule noContainerTypes = ProviderArchitectureRules.usesNoContainerType();

    @ArchTest
    static final ArchRule doesNotReachIntoOtherProviders =
            ProviderArchitectureRules.staysApartFromOtherEngines("embeddings");

    @ArchTest
    static final ArchRule noLlamaCpp = ProviderArchitectureRules.usesNone("de.kherud..");
}
