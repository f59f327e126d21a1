package com.chimti.ai.adapter.in.web;

/**
 * Sees every HTTP request begin and end on the request's own thread, for the host app's tracing; the web adapter
 * itself knows nothing of the tracing library. It is given only the method, the route template (never the
 * concrete path, which carries ids), the status and the request id: no user text, no headers.
 */
public interface RequestObserver {
    /** Observes nothing. */
    RequestObserver NONE = (method, requestId) -> (route, status) -> { };

    /** Called before authentication, after the request id is assigned. */
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
         * Called once, on the request thread, when the request is answered (a stream: when it ended).
         * {@code route} is the matched route template, or {@code null} when no route matched.
         */
        void end(String route, int status);
    }
}
