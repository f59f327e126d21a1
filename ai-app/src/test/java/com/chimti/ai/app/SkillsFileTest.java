package com.chimti.ai.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.skill.SkillCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillsFileTest {
    @TempDir
    Path dir;

    @Test
    void withoutAFileTheBuiltInCatalogServes() {
        assertThat(SkillsFile.load(null).skills()).isEqualTo(SkillCatalog.defaults().skills());
    }

    @Test
    void aValidFileReplacesTheCatalog() throws IOException {
        Path file = Files.writeString(dir.resolve("skills.json"), """
                {"skills":[{"name":"summarise-ticket","description":"Summarise a support ticket",
                  "template":"Summarise this ticket in three bullet points: {{message}} (tone: {{extra.tone}})",
                  "extra":[{"name":"tone","type":"enum","allowedValues":["neutral","friendly"],"required":false}]}]}
                """);

        SkillCatalog catalog = SkillsFile.load(file);

        assertThat(catalog.skills()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("summarise-ticket"));
    }

    @Test
    void aSkillThatTriesToRunACommandStopsStartup() throws IOException {
        Path file = Files.writeString(dir.resolve("skills.json"), """
                {"skills":[{"name":"list-files","description":"d","template":"{{message}}","argv":["ls","-la"]}]}
                """);

        assertThatThrownBy(() -> SkillsFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AI_SKILLS_FILE");
    }

    @Test
    void malformedJsonStopsStartup() throws IOException {
        Path file = Files.writeString(dir.resolve("skills.json"), "{\"skills\": [");
        assertThatThrownBy(() -> SkillsFile.load(file)).isInstanceOf(ConfigException.class);
    }
}
