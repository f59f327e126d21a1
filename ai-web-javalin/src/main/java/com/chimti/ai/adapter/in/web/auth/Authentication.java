package com.chimti.ai.adapter.in.web.auth;

import com.chimti.ai.adapter.in.web.http.RequestIds;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.RequestId;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;

/**
 * Requires a bearer token on every route except the public operations ones: deny by default, so a route added
 * later cannot be left open by mistake. Refused tokens are counted per client address by the
 * {@link AuthFailureThrottle}; an address past its limit gets 429 before its token is even looked at.
 */
public final class Authentication {
    private static final AiAccessPolicy AI_ACCESS = new AiAccessPolicy();
    static final Set<String> PUBLIC_PATHS = Set.of("/healthz", "/readyz", "/metrics");
    private static final String ATTRIBUTE = "chimti.caller";
    private static final String PREFIX = "bearer ";

    private final CallerAuthenticator authenticator;
    private final AuthFailureThrottle throttle;

    public Authentication(CallerAuthenticator authenticator, AuthFailureThrottle throttle) {
        this.authenticator = authenticator;
        this.throttle = throttle;
    }

    public void require(Context ctx) {
        if (PUBLIC_PATHS.contains(ctx.path())) {
            return;
        }
        String address = ctx.req().getRemoteAddr(); // the socket's peer: forwarding headers are not trusted
        throttle.requireNotBlocked(address);
        String header = ctx.header("Authorization");
        if (header == null || header.length() <= PREFIX.length()
                || !header.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
            throw new UnauthenticatedException("missing bearer token");
        }
        Caller caller;
        try {
            caller = authenticator.authenticate(header.substring(PREFIX.length()).strip());
            if (caller == null) {
                throw new UnauthenticatedException("authenticator returned no caller");
            }
        } catch (UnauthenticatedException refused) {
            throttle.failed(address);
            throw refused;
        }
        // the verified caller is cached per token; the request id is this request's
        ctx.attribute(ATTRIBUTE, caller.withRequestId(new RequestId(RequestIds.of(ctx))));
    }

    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new UnauthenticatedException("route reached without a caller");
        }
        return caller;
    }

    /**
     * The caller of a route whose use case requires AI access, checked before the body is read: a caller
     * without access learns 403, not what was wrong with the body (the use case checks again).
     */
    public static Caller callerWithAiAccess(Context ctx) {
        Caller caller = caller(ctx);
        AI_ACCESS.requireAccess(caller);
        return caller;
    }
}
