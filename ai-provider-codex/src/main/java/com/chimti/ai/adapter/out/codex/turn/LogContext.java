package com.chimti.ai.adapter.out.codex.turn;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.MDC;

/**
 * Carries the logging context (the caller's MDC, e.g. the web request id) of the thread that starts a turn onto
 * the threads that read the CLI's output for it, so what they log can be traced to the request.
 */
final class LogContext {
    private LogContext() {
    }

    static <T> Consumer<T> carried(Consumer<T> listener) {
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return value -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            set(captured);
            try {
                listener.accept(value);
            } finally {
                set(previous);
            }
        };
    }

    static <A, B> BiConsumer<A, B> carried(BiConsumer<A, B> listener) {
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return (a, b) -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            set(captured);
            try {
                listener.accept(a, b);
            } finally {
                set(previous);
            }
        };
    }

    private static void set(Map<String, String> context) {
        if (context == null || context.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }
}
