package com.chimti.ai.app;

import com.chimti.ai.core.domain.AiException;
import com.chimti.ai.core.domain.skill.Skill;
import com.chimti.ai.core.domain.skill.SkillCatalog;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the skills allowlist ({@code AI_SKILLS_FILE}) at startup. Strict on purpose: an unknown field such as
 * {@code command} or {@code argv} stops the server instead of being ignored, since skills are prompt templates
 * only. Without a file the built-in catalog ({@code code-search}, {@code explain-error}) is used.
 */
final class SkillsFile {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private record Content(List<Skill> skills) {
    }

    private SkillsFile() {
    }

    static SkillCatalog load(Path file) {
        if (file == null) {
            return SkillCatalog.defaults();
        }
        try {
            Content content = STRICT.readValue(file.toFile(), Content.class);
            if (content.skills() == null) {
                throw new ConfigException("AI_SKILLS_FILE has no \"skills\" list");
            }
            return SkillCatalog.of(content.skills());
        } catch (IOException | AiException | IllegalArgumentException invalid) {
            throw new ConfigException("AI_SKILLS_FILE is not a valid skills file: " + firstLine(invalid));
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
