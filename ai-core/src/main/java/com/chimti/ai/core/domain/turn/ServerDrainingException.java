package com.chimti.ai.core.domain.turn;

import com.chimti.ai.core.domain.AiException;


/**
 * The server is shutting down and takes no new turns; the caller should retry, ideally on another instance
 * (the load balancer stops routing here once {@code /readyz} says so).
 */
public class ServerDrainingException extends AiException {
    public ServerDrainingException() {
        super("the server is shutting down and takes no new turns; retry shortly");
    }
}
