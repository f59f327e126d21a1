package com.chimti.ai.adapter.out.persistence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How the module is laid out: a connection owner, adapters by concept, shared SQL helpers, the files apart. */
class PersistenceLayoutTest {
    private static final String ROOT = "com.chimti.ai.adapter.out.persistence";
    private static final List<String> CONCEPTS = List.of("chat", "billing", "action", "artifact", "account", "turn",
            "erasure");
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT, "com.chimti.ai.adapter.out.files");
    }

    static List<String> concepts() {
        return CONCEPTS;
    }

    private static String[] packages(List<String> names) {
        return names.stream().map(name -> ROOT + "." + name + "..").toArray(String[]::new);
    }

    @Test
    void theConnectionOwnerKnowsNoAdapter() {
        noClasses().that().resideInAPackage(ROOT + ".connection..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(CONCEPTS))
                .as("the connection owner (pool, migrations, embedded server) knows no adapter built on it")
                .check(production);
    }

    @Test
    void theSqlHelpersKnowNoAdapterNorTheConnection() {
        noClasses().that().resideInAPackage(ROOT + ".sql..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".connection..")
                .orShould().dependOnClassesThat().resideInAnyPackage(packages(CONCEPTS))
                .as("the SQL helpers the adapters share know none of them")
                .check(production);
    }

    @ParameterizedTest
    @MethodSource("concepts")
    void anAdapterPackageKnowsNoOtherConcept(String concept) {
        // a settlement writes the turn's answer in its own transaction, through the chat package's one entry
        List<String> allowed = concept.equals("billing") ? List.of("billing", "chat") : List.of(concept);
        List<String> others = CONCEPTS.stream().filter(other -> !allowed.contains(other)).toList();
        noClasses().that().resideInAPackage(ROOT + "." + concept + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(others))
                .as("the " + concept + " adapters depend on no other concept's package")
                .check(production);
    }

    @Test
    void daoInterfacesAndRowRecordsStayNextToTheirAdapter() {
        // read left to right: (Dao or Row) and top-level (an interface's nested record is public by force)
        classes().that().haveSimpleNameEndingWith("Dao").or().haveSimpleNameEndingWith("Row")
                .and().areTopLevelClasses()
                .should().notBePublic()
                .as("DAO interfaces and row records are package-private, so nothing outside knows the tables")
                .check(production);
    }

    @Test
    void theArtifactFilesAndTheDatabaseAreSeparateAdapters() {
        noClasses().that().resideInAPackage("com.chimti.ai.adapter.out.files..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + "..")
                .as("the artifact files know nothing of PostgreSQL")
                .check(production);
        noClasses().that().resideInAPackage(ROOT + "..")
                .should().dependOnClassesThat().resideInAPackage("com.chimti.ai.adapter.out.files..")
                .as("the PostgreSQL adapters know nothing of the artifact files")
                .check(production);
    }
}
