package com.chimti.ai.adapter.out.codex;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Codex adapter's own shape, on its production classes: the facade (this package) on top, the runtime in the
 * middle, the protocol and the processes at the bottom. The module rules (the adapter knows only the core) are
 * {@code ai-app}'s {@code ArchitectureTest}.
 */
class CodexArchitectureTest {
    private static final String ADAPTER = "com.chimti.ai.adapter.out.codex";
    private static final String FACADE = ADAPTER;
    private static final String RPC = ADAPTER + ".rpc..";
    private static final String PROCESS = ADAPTER + ".process..";
    private static final String PROFILE = ADAPTER + ".profile..";
    private static final String RUNTIME = ADAPTER + ".runtime..";
    private static final String LOGIN = ADAPTER + ".login..";
    private static final String ACCOUNT = ADAPTER + ".account..";
    private static final String TURN = ADAPTER + ".turn..";
    private static JavaClasses adapter;

    @BeforeAll
    static void importTheAdapter() {
        adapter = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ADAPTER);
    }

    @Test
    void turnsReachTheRuntimeNeverTheFacade() {
        noClasses().that().resideInAPackage(TURN)
                .should().dependOnClassesThat().resideInAPackage(FACADE)
                .because("a turn gets what it needs up front (a lease from the runtime, its model and folders)")
                .check(adapter);
    }

    @Test
    void turnsKnowNothingOfLogins() {
        noClasses().that().resideInAPackage(TURN)
                .should().dependOnClassesThat().resideInAPackage(LOGIN)
                .because("a turn runs on a connected account; signing in is the accounts port's business")
                .check(adapter);
    }

    @Test
    void noPartOfTheAdapterKnowsTheFacade() {
        noClasses().that().resideOutsideOfPackage(FACADE)
                .should().dependOnClassesThat().resideInAPackage(FACADE)
                .because("the facade and its settings sit on top: they build the parts and hand each what it needs")
                .check(adapter);
    }

    @Test
    void theProtocolKnowsOnlyTheProcessesOfTheAdapter() {
        noClasses().that().resideInAPackage(RPC)
                .should().dependOnClassesThat().resideInAnyPackage(FACADE, PROFILE, RUNTIME, LOGIN, ACCOUNT, TURN)
                .because("JSON-RPC over a process's stdio is the bottom layer, above the processes alone")
                .check(adapter);
    }

    @Test
    void theProcessesKnowNoOtherPartOfTheAdapter() {
        noClasses().that().resideInAPackage(PROCESS)
                .should().dependOnClassesThat().resideInAnyPackage(FACADE, RPC, PROFILE, RUNTIME, LOGIN, ACCOUNT,
                        TURN)
                .because("starting, confining, capping and killing processes knows nothing of Codex's protocol or "
                        + "users")
                .check(adapter);
    }

    @Test
    void thePartsDependOnEachOtherWithoutCycles() {
        slices().matching(ADAPTER + ".(*)..")
                .should().beFreeOfCycles()
                .check(adapter);
    }

    @Test
    void theAdapterKnowsNeitherTheAppNorAnotherAdapter() {
        noClasses().that().resideInAPackage(ADAPTER + "..")
                .should().dependOnClassesThat(resideInAPackage("com.chimti.ai.app..")
                        .or(resideInAPackage("com.chimti.ai.adapter..").and(resideOutsideOfPackage(ADAPTER + ".."))))
                .because("an adapter depends on the core alone; only ai-app wires adapters together")
                .check(adapter);
    }
}
