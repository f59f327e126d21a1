package com.chimti.ai.adapter.in.web.routes;

import static io.javalin.apibuilder.ApiBuilder.delete;

import com.chimti.ai.adapter.in.web.auth.Authentication;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.in.EraseUserCommand;
import com.chimti.ai.core.port.in.EraseUserData;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * {@code DELETE /v1/ai/admin/clients/{clientId}/users/{userId}}: erases a user's AI data within a client
 * (offboarding), 204 when done, also when nothing was left. Platform admins for any client, brand superadmins for
 * their own; anyone else 403, refused before the path is even read.
 */
public final class ErasureRoutes {
    private final EraseUserData erasure;

    public ErasureRoutes(EraseUserData erasure) {
        this.erasure = Objects.requireNonNull(erasure, "erasure");
    }

    public EndpointGroup endpoints() {
        return () -> delete("/v1/ai/admin/clients/{clientId}/users/{userId}", this::erase);
    }

    void erase(Context ctx) {
        Caller caller = Authentication.caller(ctx);
        if (!caller.hasRole(Role.PLATFORM_ADMIN) && !caller.hasRole(Role.BRAND_SUPERADMIN)) {
            throw new OutOfScopeException("only platform admins and brand superadmins may erase a user's AI data");
        }
        erasure.erase(new EraseUserCommand(caller, new ClientId(ctx.pathParam("clientId")),
                new UserId(ctx.pathParam("userId"))));
        ctx.status(204);
    }
}
