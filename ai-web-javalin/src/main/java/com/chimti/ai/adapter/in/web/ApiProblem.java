package com.chimti.ai.adapter.in.web;

/** A problem the web layer itself detects (body too large, turn cancelled...), with its status and stable code. */
final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;

    ApiProblem(int status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
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
}
