package com.chimti.ai.core.domain.skill;

import com.chimti.ai.core.domain.ValidationException;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code extra} key a {@link Skill} accepts, with its type and limits. Values are validated here before they
 * go anywhere near a prompt; a rejected value is named by its key only, never echoed.
 *
 * <ul>
 *   <li>{@code string}: {@code maxLength} required (1..{@value #MAX_STRING_LENGTH});</li>
 *   <li>{@code integer}: {@code min} and {@code max} required, {@code min <= max};</li>
 *   <li>{@code boolean}: no limits;</li>
 *   <li>{@code enum}: {@code allowedValues} required (short plain words).</li>
 * </ul>
 *
 * @param name          key in {@code extra}, e.g. {@code maxResults}: {@code [a-z][a-zA-Z0-9]{0,39}}
 * @param type          the value's type
 * @param maxLength     longest accepted string ({@code string} only, else null)
 * @param min           smallest accepted integer ({@code integer} only, else null)
 * @param max           largest accepted integer ({@code integer} only, else null)
 * @param allowedValues accepted values ({@code enum} only, else empty)
 * @param required      whether a call must pass this key
 */
public record SkillParam(String name, Type type, Integer maxLength, Long min, Long max, List<String> allowedValues,
                         boolean required) {
    public static final int MAX_STRING_LENGTH = 10_000;
    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9]{0,39}");
    private static final Pattern ENUM_VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+#-]{0,39}");
    /** Safe to quote back in an error message (a key the caller sent that we do not know). */
    static final Pattern QUOTABLE_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

    public enum Type {
        STRING, INTEGER, BOOLEAN, ENUM;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type fromWireName(String name) {
            for (Type type : values()) {
                if (type.wireName().equals(name)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("extra type must be string, integer, boolean or enum");
        }
    }

    public SkillParam {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("extra key names must match " + NAME.pattern());
        }
        if (SkillNames.isForbidden(name)) {
            throw new IllegalArgumentException("extra key '" + name + "' names a shell or a command");
        }
        Objects.requireNonNull(type, "type");
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
        boolean lengthSet = maxLength != null;
        boolean rangeSet = min != null || max != null;
        boolean valuesSet = !allowedValues.isEmpty();
        switch (type) {
            case STRING -> {
                if (!lengthSet || maxLength < 1 || maxLength > MAX_STRING_LENGTH) {
                    throw new IllegalArgumentException(
                            "string key '" + name + "' needs maxLength 1.." + MAX_STRING_LENGTH);
                }
                requireUnset(name, rangeSet || valuesSet);
            }
            case INTEGER -> {
                if (min == null || max == null || min > max) {
                    throw new IllegalArgumentException("integer key '" + name + "' needs min <= max");
                }
                requireUnset(name, lengthSet || valuesSet);
            }
            case BOOLEAN -> requireUnset(name, lengthSet || rangeSet || valuesSet);
            case ENUM -> {
                if (!valuesSet || new HashSet<>(allowedValues).size() != allowedValues.size()
                        || !allowedValues.stream().allMatch(v -> v != null && ENUM_VALUE.matcher(v).matches())) {
                    throw new IllegalArgumentException("enum key '" + name
                            + "' needs distinct allowedValues matching " + ENUM_VALUE.pattern());
                }
                requireUnset(name, lengthSet || rangeSet);
            }
        }
    }

    private static void requireUnset(String name, boolean misplacedLimit) {
        if (misplacedLimit) {
            throw new IllegalArgumentException("key '" + name + "' has limits that do not fit its type");
        }
    }

    public static SkillParam string(String name, int maxLength) {
        return new SkillParam(name, Type.STRING, maxLength, null, null, List.of(), false);
    }

    public static SkillParam integer(String name, long min, long max) {
        return new SkillParam(name, Type.INTEGER, null, min, max, List.of(), false);
    }

    public static SkillParam bool(String name) {
        return new SkillParam(name, Type.BOOLEAN, null, null, null, List.of(), false);
    }

    public static SkillParam oneOf(String name, String... allowedValues) {
        return new SkillParam(name, Type.ENUM, null, null, null, List.of(allowedValues), false);
    }

    /** The same key, but mandatory. */
    public SkillParam asRequired() {
        return new SkillParam(name, type, maxLength, min, max, allowedValues, true);
    }

    /**
     * The value, checked and normalised ({@code String}, {@code Long} or {@code Boolean}); throws
     * {@link ValidationException} naming the key (never the value) when it does not fit.
     */
    public Object validate(Object value) {
        return switch (type) {
            case STRING -> {
                if (!(value instanceof String text)) {
                    throw invalid("must be a string");
                }
                if (text.length() > maxLength) {
                    throw invalid("must be at most " + maxLength + " characters");
                }
                yield text;
            }
            case INTEGER -> {
                Long number = asLong(value);
                if (number == null) {
                    throw invalid("must be an integer");
                }
                if (number < min || number > max) {
                    throw invalid("must be between " + min + " and " + max);
                }
                yield number;
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean flag)) {
                    throw invalid("must be true or false");
                }
                yield flag;
            }
            case ENUM -> {
                if (!(value instanceof String text) || !allowedValues.contains(text)) {
                    throw invalid("must be one of " + String.join(", ", allowedValues));
                }
                yield text;
            }
        };
    }

    private static Long asLong(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        return null;
    }

    private ValidationException invalid(String rule) {
        return new ValidationException("extra '" + name + "' " + rule);
    }
}
