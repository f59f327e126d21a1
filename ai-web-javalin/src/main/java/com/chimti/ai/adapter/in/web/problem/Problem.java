package com.chimti.ai.adapter.in.web.problem;

/** An RFC 9457 problem body, plus the stable {@code code} and the {@code requestId} to quote to support. */
record Problem(String type, String title, int status, String detail, String code, String requestId) {
    static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:chimti:ai:problem:";

    static Problem of(int status, String code, String title, String detail, String requestId) {
        return new Problem(TYPE_PREFIX + code, title, status, detail, code, requestId);
    }
}
