package com.chimti.ai.adapter.in.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web edge's own shape, on its production classes: it reaches the core through inbound ports only, and its
 * packages depend on each other one way, from the server down to the HTTP basics.
 */
class WebArchitectureTest {
    private static final String WEB = "com.chimti.ai.adapter.in.web";
    private static JavaClasses web;

    @BeforeAll
    static void importTheEdge() {
        web = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(WEB);
    }

    @Test
    void theEdgeUsesNoOutboundPort() {
        noClasses().that().resideInAPackage(WEB + "..")
                .should().dependOnClassesThat().resideInAPackage("com.chimti.ai.core.port.out..")
                .as("the web edge uses no outbound port (com.chimti.ai.core.port.out)")
                .because("it calls the core through inbound ports only; what a turn needs from the outside "
                        + "(the shared event log, providers...) the core reaches itself")
                .check(web);
    }

    @Test
    void theEdgeUsesNoCoreServiceClass() {
        noClasses().that().resideInAPackage(WEB + "..")
                .should().dependOnClassesThat().resideInAPackage("com.chimti.ai.core.service..")
                .as("the web edge uses no core service class (com.chimti.ai.core.service)")
                .because("the app wires the services; the edge knows their inbound ports only")
                .check(web);
    }

    @Test
    void thePackagesOfTheEdgeDependOnEachOtherOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("server").definedBy(WEB)
                .layer("routes").definedBy(WEB + ".routes..")
                .layer("sse").definedBy(WEB + ".sse..")
                .layer("problem").definedBy(WEB + ".problem..")
                .layer("auth").definedBy(WEB + ".auth..")
                .layer("view").definedBy(WEB + ".view..")
                .layer("http").definedBy(WEB + ".http..")
                .whereLayer("server").mayNotBeAccessedByAnyLayer()
                .whereLayer("routes").mayOnlyBeAccessedByLayers("server")
                .whereLayer("sse").mayOnlyBeAccessedByLayers("server", "routes")
                .whereLayer("problem").mayOnlyBeAccessedByLayers("server", "routes", "sse")
                .whereLayer("auth").mayOnlyBeAccessedByLayers("server", "routes", "problem")
                .whereLayer("view").mayOnlyBeAccessedByLayers("routes", "sse")
                .as("the edge's packages depend one way: server -> routes -> sse -> problem -> auth, "
                        + "with view (response bodies) under routes and sse, and http (request ids, headers, "
                        + "JSON, request parsing) under all")
                .because("a package never needs one above it; the server alone assembles them")
                .check(web);
    }
}
