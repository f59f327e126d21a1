package com.chimti.ai.app.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/embedding.md shows the code the suite runs: every Java line of the page, in order, in the example. */
class EmbeddingDocTest {
    /** Surefire runs ai-app's tests in ai-app/; the repository root is one up. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaLineOfThePageIsInTheExampleInTheSameOrder() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/embedding.md"));
        List<String> example = Files.readAllLines(
                ROOT.resolve("ai-app/src/test/java/com/chimti/ai/app/embedding/EmbeddingExample.java"))
                .stream().map(String::strip).toList();
        List<String> shown = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(page);
        while (block.find()) {
            block.group(1).lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(shown::add);
        }
        assertThat(shown).as("the page shows code").hasSizeGreaterThan(10);

        int at = 0;
        for (String line : shown) {
            int found = example.subList(at, example.size()).indexOf(line);
            assertThat(found).as("EmbeddingExample.java has, after line %d: %s", at, line).isNotNegative();
            at += found + 1;
        }
    }
}
