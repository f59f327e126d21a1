package com.chimti.ai.adapter.in.web.problem;

import com.chimti.ai.adapter.in.web.auth.UnauthenticatedException;
import com.chimti.ai.adapter.in.web.http.ApiProblem;
import com.chimti.ai.adapter.in.web.http.RequestIds;
import com.chimti.ai.adapter.in.web.http.ResponseHeaders;
import com.chimti.ai.adapter.in.web.http.WebJson;
import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.artifact.ArtifactTooLargeException;
import com.chimti.ai.core.domain.artifact.UnsupportedContentTypeException;
import com.chimti.ai.core.domain.billing.InsufficientCreditsException;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.provider.ProviderTimeoutException;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.skill.UnknownSkillException;
import com.chimti.ai.core.domain.tenancy.AiNotEnabledException;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.domain.turn.ServerDrainingException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP: every exception maps to a status and a stable {@code code}. Details
 * come only from core exceptions (whose messages are safe by contract) or from fixed texts here; anything
 * unexpected is a bare 500 whose cause goes to the log under the request id.
 *
 * <p>Choices: {@code provider_not_connected} is 409 (the caller's account state blocks the request and the
 * caller can fix it by logging in); a turn or call that ended cancelled is 409 {@code cancelled}; an artifact
 * over the size cap is 413 {@code payload_too_large} and one of a type off the allowlist 415
 * {@code unsupported_media_type}.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    /** How soon a client refused by a draining server should retry (by then, on another instance). */
    static final long DRAINING_RETRY_AFTER_SECONDS = 5;

    /**
     * What a failure becomes; {@code retryAfterSeconds} is set only for 429 and 503 {@code draining}, and with it, when our own limiter
     * refused, the values of the {@code RateLimit} and {@code RateLimit-Policy} headers (IETF httpapi draft).
     */
    public record Mapped(int status, String code, String title, String detail, Long retryAfterSeconds, String rateLimit,
                  String rateLimitPolicy) {
        Mapped(int status, String code, String title, String detail) {
            this(status, code, title, detail, null, null, null);
        }

        Mapped(int status, String code, String title, String detail, Long retryAfterSeconds) {
            this(status, code, title, detail, retryAfterSeconds, null, null);
        }
    }

    private ErrorMapper() {
    }

    public static Mapped map(Exception failure) {
        if (failure instanceof ApiProblem problem) {
            return new Mapped(problem.status(), problem.code(), titleFor(problem.status()), problem.getMessage());
        }
        if (failure instanceof UnauthenticatedException) {
            return new Mapped(401, "unauthenticated", "Unauthorized", "a valid bearer token is required");
        }
        if (failure instanceof AiNotEnabledException) {
            return new Mapped(403, "ai_not_enabled", "Forbidden", failure.getMessage());
        }
        if (failure instanceof OutOfScopeException) {
            return new Mapped(403, "forbidden", "Forbidden", failure.getMessage());
        }
        if (failure instanceof NotFoundException) {
            return new Mapped(404, "not_found", "Not Found", failure.getMessage());
        }
        if (failure instanceof UnknownSkillException) {
            return new Mapped(400, "unknown_skill", "Bad Request", failure.getMessage());
        }
        if (failure instanceof ArtifactTooLargeException) {
            return new Mapped(413, "payload_too_large", "Content Too Large", failure.getMessage());
        }
        if (failure instanceof UnsupportedContentTypeException) {
            return new Mapped(415, "unsupported_media_type", "Unsupported Media Type", failure.getMessage());
        }
        if (failure instanceof ValidationException) {
            return new Mapped(400, "validation_failed", "Bad Request", failure.getMessage());
        }
        if (failure instanceof ConflictException) {
            return new Mapped(409, "conflict", "Conflict", failure.getMessage());
        }
        if (failure instanceof InsufficientCreditsException) {
            return new Mapped(402, "insufficient_credits", "Payment Required", failure.getMessage());
        }
        if (failure instanceof RateLimitedException limited) {
            return rateLimited(limited);
        }
        if (failure instanceof ServerDrainingException) {
            return new Mapped(503, "draining", "Service Unavailable", failure.getMessage(),
                    DRAINING_RETRY_AFTER_SECONDS);
        }
        if (failure instanceof ProviderNotConnectedException) {
            return new Mapped(409, "provider_not_connected", "Conflict", failure.getMessage());
        }
        if (failure instanceof ProviderTimeoutException) {
            return new Mapped(504, "provider_timeout", "Gateway Timeout", failure.getMessage());
        }
        if (failure instanceof ProviderFailureException) {
            return new Mapped(502, "provider_error", "Bad Gateway", failure.getMessage());
        }
        if (failure instanceof HttpResponseException javalin) {
            return fromJavalin(javalin.getStatus());
        }
        return internal();
    }

    /**
     * A turn or one-shot call that ended without completing, as the failure it is: the one outcome mapping, thrown
     * in JSON mode ({@link #requireCompleted}) and written as a stream's last event. Cancelled is 409
     * {@code cancelled}, timed out 504 {@code provider_timeout}, failed 502 {@code provider_error}.
     *
     * @param subject what ended, in the detail ({@code turn}, {@code call})
     */
    public static RuntimeException notCompleted(TurnOutcome outcome, String subject) {
        return switch (outcome) {
            case CANCELLED -> new ApiProblem(409, "cancelled", "the " + subject + " was cancelled");
            case TIMED_OUT -> new ProviderTimeoutException("the provider did not answer in time");
            case FAILED -> new ProviderFailureException("the provider could not answer");
            case COMPLETED -> throw new IllegalArgumentException("a completed " + subject + " is no failure");
        };
    }

    /** Throws {@link #notCompleted} unless the turn or call completed. */
    public static void requireCompleted(TurnOutcome outcome, String subject) {
        if (outcome != TurnOutcome.COMPLETED) {
            throw notCompleted(outcome, subject);
        }
    }

    /**
     * 429 with Retry-After in whole seconds (rounded up); when the limit is known also
     * {@code RateLimit: limit=L, remaining=R, reset=S} (S = Retry-After) and, for a windowed limit,
     * {@code RateLimit-Policy: L;w=W}. A provider account's own limit carries Retry-After only.
     */
    private static Mapped rateLimited(RateLimitedException limited) {
        long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
        String rateLimit = null;
        String policy = null;
        if (limited.limit().isPresent()) {
            long limit = limited.limit().getAsLong();
            rateLimit = "limit=" + limit + ", remaining=" + limited.remaining().orElse(0) + ", reset=" + seconds;
            policy = limited.window().map(window -> limit + ";w=" + Math.max(1, window.toSeconds())).orElse(null);
        }
        return new Mapped(429, "rate_limited", "Too Many Requests", limited.getMessage(), seconds, rateLimit,
                policy);
    }

    /** Javalin's own responses (unknown route, its size limit...) keep their status but get our texts. */
    private static Mapped fromJavalin(int status) {
        return switch (status) {
            case 400 -> new Mapped(400, "validation_failed", "Bad Request", "the request is not valid");
            case 404 -> new Mapped(404, "not_found", "Not Found", "no such resource");
            case 405 -> new Mapped(405, "method_not_allowed", "Method Not Allowed", "method not allowed here");
            case 413 -> new Mapped(413, "payload_too_large", "Content Too Large", "request body is too large");
            default -> status >= 500 ? internal()
                    : new Mapped(status, "bad_request", titleFor(status), "the request cannot be served");
        };
    }

    private static Mapped internal() {
        return new Mapped(500, "internal_error", "Internal Server Error", "an unexpected error occurred");
    }

    public static void handle(Exception failure, Context ctx) {
        Mapped mapped = map(failure);
        String requestId = RequestIds.of(ctx);
        log(mapped, failure, requestId);
        if (ctx.res().isCommitted()) {
            return; // a stream already started; its own error event reported the failure
        }
        if (mapped.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Long.toString(mapped.retryAfterSeconds()));
        }
        if (mapped.rateLimit() != null) {
            ctx.header("RateLimit", mapped.rateLimit());
        }
        if (mapped.rateLimitPolicy() != null) {
            ctx.header("RateLimit-Policy", mapped.rateLimitPolicy());
        }
        ResponseHeaders.apply(ctx);
        Problem body = Problem.of(mapped.status(), mapped.code(), mapped.title(), mapped.detail(), requestId);
        ctx.status(mapped.status()).contentType(Problem.CONTENT_TYPE).result(WebJson.write(body));
    }

    /** Server errors are logged in full under the request id; client errors only briefly, at debug. */
    public static void log(Mapped mapped, Exception failure, String requestId) {
        if (mapped.status() >= 500 && !"draining".equals(mapped.code())) { // draining is planned, not a fault
            LOG.error("request {} failed with {}", requestId, mapped.code(), failure);
        } else if (LOG.isDebugEnabled()) {
            // the exception's kind, not its message: a message may quote what the client sent
            LOG.debug("request {} refused with {} ({})", requestId, mapped.code(), failure.getClass().getSimpleName());
        }
    }

    static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
    }
}
