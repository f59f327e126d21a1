package com.chimti.ai.adapter.in.web;

import java.time.Duration;

/**
 * Told about every request the server answered, for request metrics in the host app (this adapter stays free of
 * any metrics library). Called on the request's thread after its handlers; must be quick and must not throw.
 */
@FunctionalInterface
public interface RequestObserver {
    /**
     * What {@code route} is when no route matched (404s, probes of random paths) or the request was refused
     * before routing (401 from the token check, 413 from the body cap): never the raw path.
     */
    String UNMATCHED = "UNMATCHED";

    /**
     * @param method   the HTTP method, e.g. {@code POST}
     * @param route    the matched route template, e.g. {@code /v1/ai/chats/{chatId}/messages}, or {@link #UNMATCHED}
     * @param status   the response status (200 for a stream that started, whatever happened later)
     * @param duration from the first handler to the end of the last one, a stream's whole life included
     */
    void requestEnded(String method, String route, int status, Duration duration);
}
