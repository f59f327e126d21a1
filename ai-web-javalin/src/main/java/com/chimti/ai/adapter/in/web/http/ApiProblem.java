package com.chimti.ai.adapter.in.web.http;

/** A problem the web layer itself detects (body too large, turn cancelled...), with its status and stable code. */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;

    public ApiProblem(int status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiProblem payloadTooLarge(long maxBytes) {
        return new ApiProblem(413, "payload_too_large", "request body exceeds " + maxBytes + " bytes");
    }

    public static ApiProblem invalid(String detail) {
        return new ApiProblem(400, "validation_failed", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
