package dev.steward.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.steward", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreImportsNoFrameworkType = noClasses()
            .that()
            .resideInAPackage("dev.steward.core..")
            // the one exception: JSON-B 1.0's visibility of the web views, named by an annotation the JVM ignores
            // where javax.json.bind is absent, so never loaded outside Java EE 8
            .and()
            .doNotHaveFullyQualifiedName("dev.steward.core.web.JavaxViewVisibility")
            .and()
            .doNotHaveFullyQualifiedName("dev.steward.core.web.package-info")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "jakarta..", "javax..", "org.eclipse.microprofile..", "org.springframework..", "io.micrometer..")
            .because("integrations adapt their world to the core, never the other way round");

    @ArchTest
    static final ArchRule apiDependsOnNothingOfSteward = noClasses()
            .that()
            .resideInAPackage("dev.steward.api..")
            .should()
            .dependOnClassesThat()
            // jakarta.ejb and javax.ejb: only @ApplicationException on StewardException, an annotation the JVM ignores
            // where no EJB API is present, so still nothing at run time
            .resideOutsideOfPackages("dev.steward.api..", "java..", "jakarta.ejb", "javax.ejb")
            .because("annotating a class must cost the application nothing");

    @ArchTest
    static final ArchRule onlyTheCoreUsesItsInternals = noClasses()
            .that()
            .resideOutsideOfPackage("dev.steward.core..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.steward.core.internal..")
            .because("internal has no compatibility promise");
}
