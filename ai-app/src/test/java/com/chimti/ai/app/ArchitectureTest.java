package com.chimti.ai.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon, checked on the production classes of every module. */
class ArchitectureTest {
    private static final String CORE = "com.chimti.ai.core..";
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureTest::notATestJar)
                .importPackages("com.chimti.ai");
    }

    private static boolean notATestJar(Location location) {
        return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }

    @Test
    void everyModuleWasImported() {
        classes().that().resideInAnyPackage("com.chimti.ai.core.domain..", "com.chimti.ai.core.service..",
                        "com.chimti.ai.adapter.out.persistence..", "com.chimti.ai.adapter.out.files..",
                        "com.chimti.ai.adapter.out.codex..",
                        "com.chimti.ai.adapter.out.openaistub..", "com.chimti.ai.adapter.in.web..")
                .should().bePublic().orShould().notBePublic()
                .allowEmptyShould(false)
                .check(production);
        org.assertj.core.api.Assertions.assertThat(production.stream().map(c -> c.getPackageName()).distinct())
                .anyMatch(p -> p.startsWith("com.chimti.ai.adapter.out.persistence"))
                .anyMatch(p -> p.startsWith("com.chimti.ai.adapter.out.files"))
                .anyMatch(p -> p.startsWith("com.chimti.ai.adapter.out.codex"))
                .anyMatch(p -> p.startsWith("com.chimti.ai.adapter.out.openaistub"))
                .anyMatch(p -> p.startsWith("com.chimti.ai.adapter.in.web"));
    }

    @Test
    void hexagonalLayersAndAdaptersIndependentOfEachOther() {
        onionArchitecture()
                .domainModels("com.chimti.ai.core.domain..")
                .domainServices("com.chimti.ai.core.port..")
                .applicationServices("com.chimti.ai.core.service..")
                .adapter("persistence", "com.chimti.ai.adapter.out.persistence..")
                .adapter("files", "com.chimti.ai.adapter.out.files..")
                .adapter("codex", "com.chimti.ai.adapter.out.codex..")
                .adapter("openai-stub", "com.chimti.ai.adapter.out.openaistub..")
                .adapter("web", "com.chimti.ai.adapter.in.web..")
                // a host's extension plugs into the core as an adapter does, knowing no adapter
                .adapter("example host extension", "com.chimti.ai.examples..")
                // the app is the composition root: it may know every layer, and nothing may know it
                .ignoreDependency(JavaClass.Predicates.resideInAPackage("com.chimti.ai.app.."),
                        DescribedPredicate.alwaysTrue())
                .check(production);
    }

    /** javax.sql is the JDK's too: the DataSource a host extension gets for its own tables. */
    @Test
    void coreDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage(CORE)
                .should().onlyDependOnClassesThat().resideInAnyPackage(CORE, "java..", "javax.sql..")
                .check(production);
    }

    /** The example host extension (examples/orders-extension) needs nothing a host would not have: the SPI. */
    @Test
    void theExampleExtensionUsesOnlyTheCoreAndTheJdk() {
        classes().that().resideInAPackage("com.chimti.ai.examples..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(CORE, "com.chimti.ai.examples..", "java..", "javax.sql..")
                .allowEmptyShould(false)
                .check(production);
    }

    /** Concepts of the core (chat, billing, turn...) lean on each other one way, so each can be read alone. */
    @Test
    void theCoresConceptPackagesHaveNoCycles() {
        slices().matching("com.chimti.ai.core.domain.(*)..").should().beFreeOfCycles().check(production);
        slices().matching("com.chimti.ai.core.service.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void nothingDependsOnTheApp() {
        noClasses().that().resideOutsideOfPackage("com.chimti.ai.app..")
                .should().dependOnClassesThat().resideInAPackage("com.chimti.ai.app..")
                .check(production);
    }

    @Test
    void onlyTheAppKnowsGuice() {
        noClasses().that().resideOutsideOfPackage("com.chimti.ai.app..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("com.google.inject..", "javax.inject..", "jakarta.inject..")
                .check(production);
    }

    @Test
    void nothingRunsAShell() {
        noClasses().should().callMethod(Runtime.class, "exec", String.class)
                .orShould().callMethod(Runtime.class, "exec", String[].class)
                .check(production);
    }
}
