package com.chimti.ai.adapter.in.web;

/** A problem the web layer itself detects (body too large, turn cancelled...), with its status and stable code. */
final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final Long retryAfterSeconds;

    ApiProblem(int status, String code, String detail) {
        this(status, code, detail, null);
    }

    private ApiProblem(int status, String code, String detail, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 503: the server is at its limit for this kind of request right now; retry after the given seconds. */
    static ApiProblem busy(long retryAfterSeconds) {
        return new ApiProblem(503, "server_busy", "too many requests at once; retry shortly", retryAfterSeconds);
    }

    static ApiProblem payloadTooLarge(long maxBytes) {
        return new ApiProblem(413, "payload_too_large", "request body exceeds " + maxBytes + " bytes");
    }

    static ApiProblem invalid(String detail) {
        return new ApiProblem(400, "validation_failed", detail);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** For a {@code Retry-After} header, or null. */
    Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
