package com.chimti.ai.core.domain.skill;

import com.chimti.ai.core.domain.ValidationException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An allowlisted tool-mode skill: a fixed prompt template with placeholders, and the {@code extra} keys a call
 * may pass. A skill is a prompt, never a command: it has no executable, argv or shell field, and its name may not
 * name one (see {@link SkillNames}). The provider runs the rendered prompt as an ordinary turn; the Codex provider
 * runs every turn in its read-only sandbox, so a skill can read and reason but not execute or write anything.
 *
 * <p>Placeholders: {@code {{message}}} (required in every template), {@code {{context}}} and
 * {@code {{extra.<key>}}} for a declared key. Anything else in double braces is refused when the skill is defined.
 *
 * @param name        {@code [a-z][a-z0-9-]{1,40}}, e.g. {@code code-search}
 * @param description one line for people (and skill listings), at most 500 characters
 * @param template    the prompt, at most 20,000 characters
 * @param extra       the accepted {@code extra} keys, distinct names
 */
public record Skill(String name, String description, String template, List<SkillParam> extra) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,40}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");
    private static final String EXTRA_PREFIX = "extra.";
    static final String NONE = "(not provided)";

    public Skill {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("skill names must match " + NAME.pattern());
        }
        if (SkillNames.isForbidden(name)) {
            throw new IllegalArgumentException("skill '" + name + "' names a shell or a command; skills are prompts");
        }
        if (description == null || description.isBlank() || description.length() > 500) {
            throw new IllegalArgumentException("skill '" + name + "' needs a description of 1..500 characters");
        }
        if (template == null || template.isBlank() || template.length() > 20_000) {
            throw new IllegalArgumentException("skill '" + name + "' needs a template of 1..20000 characters");
        }
        extra = extra == null ? List.of() : List.copyOf(extra);
        Set<String> keys = new HashSet<>();
        for (SkillParam param : extra) {
            if (!keys.add(param.name())) {
                throw new IllegalArgumentException("skill '" + name + "' declares extra '" + param.name() + "' twice");
            }
        }
        boolean hasMessage = false;
        Matcher placeholder = PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            String ref = placeholder.group(1);
            if (ref.equals("message")) {
                hasMessage = true;
            } else if (!ref.equals("context")
                    && !(ref.startsWith(EXTRA_PREFIX) && keys.contains(ref.substring(EXTRA_PREFIX.length())))) {
                throw new IllegalArgumentException("skill '" + name + "' has an unknown placeholder {{" + ref + "}}");
            }
        }
        if (!hasMessage) {
            throw new IllegalArgumentException("skill '" + name + "' template must use {{message}}");
        }
    }

    public Optional<SkillParam> param(String key) {
        return extra.stream().filter(p -> p.name().equals(key)).findFirst();
    }

    /**
     * The call's {@code extra}, checked against this skill's keys and normalised, in declaration order. A key the
     * skill does not declare, a value of the wrong type or out of its limits, or a missing required key is a
     * {@link ValidationException} that names the key, never the value.
     */
    public Map<String, Object> validateExtra(Map<String, ?> values) {
        Map<String, ?> given = values == null ? Map.of() : values;
        for (String key : given.keySet()) {
            if (param(key).isEmpty()) {
                throw new ValidationException(key != null && SkillParam.QUOTABLE_KEY.matcher(key).matches()
                        ? "extra '" + key + "' is not accepted by skill '" + name + "'"
                        : "an extra key is not accepted by skill '" + name + "'");
            }
        }
        Map<String, Object> valid = new LinkedHashMap<>();
        for (SkillParam param : extra) {
            if (given.containsKey(param.name())) {
                valid.put(param.name(), param.validate(given.get(param.name())));
            } else if (param.required()) {
                throw new ValidationException("extra '" + param.name() + "' is required by skill '" + name + "'");
            }
        }
        return Collections.unmodifiableMap(valid);
    }

    /**
     * The prompt for one call: a preamble on how to read data blocks, then the template with {@code message},
     * {@code context} and string extras as fenced data blocks (see {@link PromptFence}) and integer, boolean and
     * enum extras (already validated, so plain words and numbers) inline. The template is scanned once: a
     * placeholder inside an inserted value stays literal text. Absent optional values read {@value #NONE}.
     *
     * @param extra values from {@link #validateExtra} (possibly redacted since)
     */
    public String render(String message, String context, Map<String, ?> extra) {
        String[] values = new String[2 + (extra == null ? 0 : extra.size())];
        values[0] = message;
        values[1] = context;
        int i = 2;
        if (extra != null) {
            for (Object value : extra.values()) {
                values[i++] = String.valueOf(value);
            }
        }
        return render(message, context, extra, PromptFence.unusedIn(values));
    }

    /** {@link #render(String, String, Map)} with a given fence (tests). */
    String render(String message, String context, Map<String, ?> extra, PromptFence fence) {
        Objects.requireNonNull(message, "message");
        Map<String, ?> values = extra == null ? Map.of() : extra;
        for (String key : values.keySet()) {
            if (param(key).isEmpty()) {
                throw new IllegalArgumentException("extra keys must be validated before rendering");
            }
        }
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(fence.preamble()).append("\n\n");
        while (placeholder.find()) {
            String ref = placeholder.group(1);
            String replacement;
            if (ref.equals("message")) {
                replacement = fence.block("message", message);
            } else if (ref.equals("context")) {
                replacement = context == null || context.isBlank() ? NONE : fence.block("context", context);
            } else {
                replacement = renderExtra(param(ref.substring(EXTRA_PREFIX.length())).orElseThrow(), values, fence);
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private static String renderExtra(SkillParam param, Map<String, ?> values, PromptFence fence) {
        if (!values.containsKey(param.name())) {
            return NONE;
        }
        Object value = values.get(param.name());
        if (param.type() == SkillParam.Type.STRING) {
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException("extra '" + param.name() + "' must be validated before rendering");
            }
            return fence.block("extra." + param.name(), text);
        }
        return String.valueOf(param.validate(value)); // numbers, booleans and allowlisted words only
    }
}
