package com.chimti.ai.app.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/embedding.md shows the code the suite runs: every Java line of the page, in order, in the example program;
 * a block introduced by {@code <!-- code from PATH -->} (the host extension's walk-through) in that file instead.
 */
class EmbeddingDocTest {
    /** Surefire runs ai-app's tests in ai-app/; the repository root is one up. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String EXAMPLE = "ai-app/src/test/java/com/chimti/ai/app/embedding/EmbeddingExample.java";
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?:<!-- code from (\\S+) -->\\n)?```java\\n(.*?)```",
            Pattern.DOTALL);

    @Test
    void everyJavaLineOfThePageIsInItsSourceInTheSameOrder() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/embedding.md"));
        Map<String, List<String>> shownBySource = new LinkedHashMap<>();
        Matcher block = JAVA_BLOCK.matcher(page);
        while (block.find()) {
            String source = block.group(1) == null ? EXAMPLE : block.group(1);
            block.group(2).lines().map(String::strip).filter(l -> !l.isEmpty())
                    .forEach(shownBySource.computeIfAbsent(source, s -> new ArrayList<>())::add);
        }
        assertThat(shownBySource.get(EXAMPLE)).as("the page shows the example program").hasSizeGreaterThan(10);
        assertThat(shownBySource).as("and the host extension's code").hasSizeGreaterThan(1);

        for (Map.Entry<String, List<String>> shown : shownBySource.entrySet()) {
            List<String> code = Files.readAllLines(ROOT.resolve(shown.getKey())).stream().map(String::strip)
                    .toList();
            int at = 0;
            for (String line : shown.getValue()) {
                int found = code.subList(at, code.size()).indexOf(line);
                assertThat(found).as("%s has, after line %d: %s", shown.getKey(), at, line).isNotNegative();
                at += found + 1;
            }
        }
    }
}
