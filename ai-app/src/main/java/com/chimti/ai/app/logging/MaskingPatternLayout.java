package com.chimti.ai.app.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * A pattern layout whose whole rendered line (message, arguments, MDC, exception and stack trace) is masked,
 * so no part of a text log line escapes {@link SecretMasking}.
 */
public final class MaskingPatternLayout extends PatternLayout {
    @Override
    public String doLayout(ILoggingEvent event) {
        return SecretMasking.mask(super.doLayout(event));
    }
}
