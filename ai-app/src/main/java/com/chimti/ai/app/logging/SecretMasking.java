package com.chimti.ai.app.logging;

import com.chimti.ai.core.domain.redaction.SecretRedactor;

/**
 * The second line of defence: log output passes through the same {@link SecretRedactor} that guards the
 * boundaries (CLI, database, responses), so a secret that reached a log call anyway (an exception message, a
 * library's log line) is written as {@code [REDACTED:<kind>]}.
 */
final class SecretMasking {
    private static final SecretRedactor REDACTOR = SecretRedactor.standard();

    private SecretMasking() {
    }

    /** {@code text} with every secret replaced; the same instance when there was none. */
    static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return REDACTOR.redact(text).text();
    }
}
