package dev.steward.providers.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.steward.providers.testing.ProviderArchitectureRules;

/** The store is an adapter: it knows no container and uses of core only the audit chain it must share. */
@AnalyzeClasses(packages = "dev.steward.providers.jdbc", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noContainerTypes = ProviderArchitectureRules.usesNoContainerType();

    @ArchTest
    static final ArchRule usesOfCoreOnlyTheAuditChain = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.steward.core",
                    "dev.steward.core.budget..",
                    "dev.steward.core.approval..",
                    "dev.steward.core.config..",
                    "dev.steward.core.route..",
                    "dev.steward.core.internal..")
            .because("every durable sink must hash and verify records as core does, and nothing else of core is"
                    + " needed");

    @ArchTest
    static final ArchRule needsNoThirdPartyLibrary = ProviderArchitectureRules.usesNone(
                    "com.zaxxer..", "org.postgresql..", "org.mariadb..", "org.h2..", "com.fasterxml..")
            .because("the JDBC driver and the pool are the application's; JSON goes through core's AuditJson");
}
