package com.chimti.ai.core.domain.redaction;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of secret: a precompiled candidate pattern plus optional validation in code. Instances are immutable and
 * shared between threads; each scan uses its own {@link Matcher}.
 *
 * <p>Patterns are written to run in linear time: every candidate starts with a look-behind that forbids starting in
 * the middle of a token (so a long run of similar characters is entered once, not at every position), and
 * repetitions are possessive or bounded (so a failed candidate is never re-split by backtracking). Checks that
 * would need backtracking (checksums, lengths, shapes) are done in code on the candidate.
 */
abstract class Detector {
    private final SecretKind kind;
    private final Pattern pattern;
    private final String requiredLiteral;

    Detector(SecretKind kind, Pattern pattern, String requiredLiteral) {
        this.kind = kind;
        this.pattern = pattern;
        this.requiredLiteral = requiredLiteral;
    }

    final SecretKind kind() {
        return kind;
    }

    /** One left-to-right pass over {@code text}, reporting the spans to replace to {@code out}. */
    final void scan(String text, Rewriter out) {
        if (requiredLiteral != null && !text.contains(requiredLiteral)) {
            return;
        }
        Matcher m = pattern.matcher(text);
        int from = 0;
        int length = text.length();
        while (from <= length && m.find(from)) {
            int resume = onCandidate(m, text, out);
            from = Math.max(resume, m.start() + 1);
        }
    }

    /**
     * Examines one candidate match; reports any spans to replace (in order, not before the candidate) and returns
     * where scanning resumes (the scan always advances past {@code m.start()}).
     */
    abstract int onCandidate(Matcher m, String text, Rewriter out);

    /** Replaces the named group (or the whole match when {@code group} is null) when it passes {@code valid}. */
    static Detector simple(SecretKind kind, String regex, String requiredLiteral, String group,
            Predicate<String> valid) {
        Pattern pattern = Pattern.compile(regex);
        return new Detector(kind, pattern, requiredLiteral) {
            @Override
            int onCandidate(Matcher m, String text, Rewriter out) {
                int start = group == null ? m.start() : m.start(group);
                int end = group == null ? m.end() : m.end(group);
                if (valid.test(text.substring(start, end))) {
                    out.replace(start, end);
                }
                return m.end();
            }
        };
    }

    static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
