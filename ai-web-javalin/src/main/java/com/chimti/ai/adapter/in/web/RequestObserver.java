package com.chimti.ai.adapter.in.web;

/**
 * Sees every HTTP request begin and end on the request's own thread, for the host app's request metrics and
 * tracing; the web adapter itself knows no metrics or tracing library. It is given only the method, the route
 * template (never the concrete path, which carries ids), the status and the request id: no user text, no headers.
 */
public interface RequestObserver {

    /** Called after the request id is assigned and before the body cap and the token check. */
    Observation begin(String method, String requestId);

    /**
     * Wraps work a request hands to another thread (a streamed turn runs on a worker), so it carries what
     * {@link #begin} made current; called on the request thread.
     */
    default Runnable propagate(Runnable task) {
        return task;
    }

    /** One observed request. */
    interface Observation {
        /**
         * Called once, on the request thread, when the request is answered. {@code route} is the matched route
         * template, or {@code null} when no route matched or the request was refused before routing (401, 413).
         */
        void end(String route, int status);
    }
}
