package dev.steward.providers.redis;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.steward.providers.testing.ProviderArchitectureRules;

/** The backend is an adapter: it speaks the API, never core or a container. */
@AnalyzeClasses(packages = "dev.steward.providers.redis", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnTheApiNotOnCore = ProviderArchitectureRules.dependsOnTheApiNotOnCore();

    @ArchTest
    static final ArchRule noContainerTypes = ProviderArchitectureRules.usesNoContainerType();
}
