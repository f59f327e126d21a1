package com.chimti.ai.adapter.in.web.auth;

/**
 * No acceptable credentials. The message is for server logs only: clients always get the same generic 401
 * so they cannot probe why a token was refused.
 */
public class UnauthenticatedException extends RuntimeException {
    public UnauthenticatedException(String message) {
        super(message, null, false, false);
    }

    public UnauthenticatedException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
