package com.chimti.ai.adapter.in.web.auth;

import com.chimti.ai.core.domain.tenancy.Caller;

/** Turns the bearer token of a request into the platform user it speaks for. */
@FunctionalInterface
public interface CallerAuthenticator {

    /**
     * @param bearerToken the token after {@code Bearer }, never null
     * @throws UnauthenticatedException when the token is not acceptable, for whatever reason
     */
    Caller authenticate(String bearerToken);
}
