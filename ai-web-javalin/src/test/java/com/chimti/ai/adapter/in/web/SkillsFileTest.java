package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.skill.DefaultSkills;
import com.chimti.ai.core.domain.skill.Skill;
import com.chimti.ai.core.domain.skill.SkillCatalog;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The skills file format, as the app's loader reads it: Jackson straight onto the core records, strict about
 * unknown fields (so a {@code command} or {@code argv} field fails loudly instead of being ignored), enum types
 * in lower case. The sample {@code skills.json} is the default catalog.
 */
class SkillsFileTest {
    record SkillsFile(List<Skill> skills) {
    }

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @Test
    void sampleFileIsTheDefaultCatalog() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/skills.json")) {
            SkillsFile file = STRICT.readValue(in, SkillsFile.class);
            assertThat(SkillCatalog.of(file.skills()).skills()).isEqualTo(DefaultSkills.all());
        }
    }

    @Test
    void commandFieldsAndBadDefinitionsAreRefused() {
        assertThatThrownBy(() -> STRICT.readValue("{\"skills\":[{\"name\":\"ls\",\"description\":\"d\","
                + "\"template\":\"{{message}}\",\"command\":[\"ls\",\"-la\"]}]}", SkillsFile.class))
                .hasMessageContaining("command");
        assertThatThrownBy(() -> STRICT.readValue("{\"skills\":[{\"name\":\"bash\",\"description\":\"d\","
                + "\"template\":\"{{message}}\"}]}", SkillsFile.class))
                .hasMessageContaining("shell or a command");
    }
}
