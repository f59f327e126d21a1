package com.chimti.ai.adapter.out.codex.turn;

import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps the CLI's error texts and codes (both modes) to the core's exceptions. Messages are never passed on. */
final class CodexFaults {
    /** When the CLI does not say when the limit resets. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(5);
    private static final Pattern IN = Pattern.compile(
            "(?:try again in|resets? in|retry in)\\s+(?:about\\s+)?(\\d{1,6})\\s*(second|sec|s\\b|minute|min|m\\b|hour|hr|h\\b|day|d\\b)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern URL = Pattern.compile("(?i)(?:url:\\s*)?[a-z][a-z0-9+.-]*://\\S+");
    private static final Pattern STATUS_401 = Pattern.compile("(?<![\\d.:])401(?![\\d.])");
    private static final Pattern STATUS_429 = Pattern.compile("(?<![\\d.:])429(?![\\d.])");

    private CodexFaults() {
    }

    enum Kind { RATE_LIMITED, UNAUTHORIZED, OTHER }

    static Kind kind(String codexErrorKind, int httpStatus, String message) {
        // the CLI appends "url: http://host:PORT/..." : a port must never read as a status code
        String m = message == null ? "" : URL.matcher(message).replaceAll(" ").toLowerCase(Locale.ROOT);
        String k = codexErrorKind == null ? "" : codexErrorKind;
        if (k.equals("usageLimitExceeded") || k.equals("rateLimitExceeded") || httpStatus == 429
                || m.contains("usage limit") || STATUS_429.matcher(m).find() || m.contains("too many requests")) {
            return Kind.RATE_LIMITED;
        }
        if (k.equals("unauthorized") || httpStatus == 401 || STATUS_401.matcher(m).find()
                || m.contains("unauthorized") || m.contains("not logged in") || m.contains("login required")) {
            return Kind.UNAUTHORIZED;
        }
        return Kind.OTHER;
    }

    /** An app-server {@code TurnError {message, codexErrorInfo}}. */
    static Kind kind(JsonNode error) {
        JsonNode info = error.path("codexErrorInfo");
        String kind = info.isTextual() ? info.asText() : "";
        int http = 0;
        if (info.isObject() && info.size() > 0) {
            http = info.elements().next().path("httpStatusCode").asInt(0);
        }
        return kind(kind, http, error.path("message").asText(""));
    }

    static RuntimeException exception(Kind kind, String message) {
        return switch (kind) {
            case RATE_LIMITED -> new RateLimitedException("the Codex usage limit is reached", retryAfter(message));
            case UNAUTHORIZED -> new ProviderNotConnectedException("Codex refused the account's credentials");
            case OTHER -> new ProviderFailureException("the Codex turn failed");
        };
    }

    /** "try again in 59 minutes" and the like; otherwise {@link #DEFAULT_RETRY_AFTER}. */
    static Duration retryAfter(String message) {
        if (message != null) {
            Matcher m = IN.matcher(message);
            if (m.find()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2).toLowerCase(Locale.ROOT);
                Duration d = switch (unit.charAt(0)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                if (!d.isZero()) {
                    return d;
                }
            }
        }
        return DEFAULT_RETRY_AFTER;
    }
}
