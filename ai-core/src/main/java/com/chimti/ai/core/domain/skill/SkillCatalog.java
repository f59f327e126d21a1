package com.chimti.ai.core.domain.skill;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The allowlist of tool-mode skills, by name. Immutable; build it with {@link #of} (the app loads the
 * definitions from its configuration) or take {@link #defaults()}.
 */
public final class SkillCatalog {
    private static final SkillCatalog EMPTY = new SkillCatalog(List.of());

    private final Map<String, Skill> byName = new LinkedHashMap<>();

    private SkillCatalog(List<Skill> skills) {
        for (Skill skill : skills) {
            if (byName.putIfAbsent(skill.name(), skill) != null) {
                throw new IllegalArgumentException("skill defined twice: " + skill.name());
            }
        }
    }

    /** A catalog of exactly these skills; names must be distinct. */
    public static SkillCatalog of(List<Skill> skills) {
        return new SkillCatalog(List.copyOf(skills));
    }

    public static SkillCatalog empty() {
        return EMPTY;
    }

    /** The built-in skills: {@code code-search} and {@code explain-error}; see {@link DefaultSkills}. */
    public static SkillCatalog defaults() {
        return of(DefaultSkills.all());
    }

    public Optional<Skill> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** The named skill; {@link UnknownSkillException} when it is not on the allowlist. */
    public Skill require(String name) {
        return find(name).orElseThrow(UnknownSkillException::new);
    }

    /** The call's {@code extra} validated against the named skill; see {@link Skill#validateExtra}. */
    public Map<String, Object> validateExtra(String skillName, Map<String, ?> extra) {
        return require(skillName).validateExtra(extra);
    }

    public List<Skill> skills() {
        return List.copyOf(byName.values());
    }
}
