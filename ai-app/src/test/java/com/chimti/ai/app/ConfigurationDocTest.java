package com.chimti.ai.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md lists what the server reads, from {@link ConfigVariable}: each variable is the first cell of
 * exactly one row of the tables under "Variables", each row there names variables that are read, and the old names
 * still read are the rows of "Deprecated names", each with the variable that replaces it.
 */
class ConfigurationDocTest {
    /** Surefire runs ai-app's tests in ai-app/; the repository root is one up. */
    private static final Path PAGE = Path.of("..").toAbsolutePath().normalize().resolve("docs/configuration.md");
    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]*\\*?)`");
    private static final String FAMILY_ROW = ConfigVariable.TRACING_FAMILY + "*";

    private static List<List<String>> variableRows;
    private static List<List<String>> deprecatedRows;

    @BeforeAll
    static void read() throws IOException {
        String page = Files.readString(PAGE);
        variableRows = firstCellNames(section(page, "Variables"));
        deprecatedRows = rows(section(page, "Deprecated names")).stream()
                .map(cells -> cells.stream().limit(2).map(ConfigurationDocTest::onlyName).toList()).toList();
    }

    @Test
    void everyVariableReadIsTheFirstCellOfExactlyOneRow() {
        Map<String, Long> rowsNaming = variableRows.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
        for (ConfigVariable variable : ConfigVariable.values()) {
            assertThat(rowsNaming.get(variable.name())).as("rows of docs/configuration.md naming " + variable)
                    .isEqualTo(1L);
        }
        assertThat(rowsNaming.get(FAMILY_ROW)).as("rows naming the family " + FAMILY_ROW + " handed to the SDK")
                .isEqualTo(1L);
    }

    @Test
    void everyRowNamesAVariableThatIsRead() {
        List<String> read = new ArrayList<>(Arrays.stream(ConfigVariable.values()).map(Enum::name).toList());
        read.add(FAMILY_ROW);
        assertThat(variableRows).as("rows of the Variables tables").isNotEmpty();
        for (List<String> names : variableRows) {
            assertThat(names).as("a row's first cell names a variable").isNotEmpty();
            for (String name : names) {
                assertThat(read.contains(name) || name.startsWith(ConfigVariable.TRACING_FAMILY))
                        .as(name + " in docs/configuration.md is read by AppConfig (or is one of the OTEL_* family)")
                        .isTrue();
            }
        }
    }

    @Test
    void theDeprecatedNamesAreListedApartWithTheVariableThatReplacesEach() {
        Map<String, String> renamed = new LinkedHashMap<>();
        for (ConfigVariable variable : ConfigVariable.values()) {
            if (variable.replaces() != null) {
                renamed.put(variable.replaces(), variable.name());
            }
        }
        Map<String, String> listed = new LinkedHashMap<>();
        for (List<String> row : deprecatedRows) {
            assertThat(listed.put(row.get(0), row.get(1))).as(row.get(0) + " is listed once").isNull();
        }
        assertThat(listed).as("the Deprecated names table: old name, new name").isEqualTo(renamed);
        assertThat(variableRows.stream().flatMap(List::stream)).as("old names stay out of the Variables tables")
                .doesNotContainAnyElementsOf(renamed.keySet());
    }

    /** The text under the {@code ## heading}, up to the next heading of that level. */
    private static String section(String page, String heading) {
        int start = page.indexOf("\n## " + heading + "\n");
        assertThat(start).as("a section '## " + heading + "' in docs/configuration.md").isNotNegative();
        int end = page.indexOf("\n## ", start + 1);
        return end < 0 ? page.substring(start) : page.substring(start, end);
    }

    /** The cells of each table row, without the header and separator rows. */
    private static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String row = line.strip();
            if (!row.startsWith("|")) {
                continue;
            }
            if (row.matches("\\|[\\s\\-:|]+\\|")) {
                rows.remove(rows.size() - 1); // the row above the separator is the header
                continue;
            }
            rows.add(Arrays.stream(row.substring(1, row.length() - 1).split("\\|")).map(String::strip).toList());
        }
        return rows;
    }

    private static List<List<String>> firstCellNames(String text) {
        return rows(text).stream().map(cells -> {
            List<String> names = new ArrayList<>();
            Matcher m = NAME.matcher(cells.get(0));
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }).toList();
    }

    private static String onlyName(String cell) {
        Matcher m = NAME.matcher(cell);
        assertThat(m.find()).as("a variable name in `" + cell + "`").isTrue();
        return m.group(1);
    }
}
