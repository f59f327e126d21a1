package com.chimti.ai.adapter.in.web.routes;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.chimti.ai.adapter.in.web.auth.Authentication;
import com.chimti.ai.adapter.in.web.http.ApiProblem;
import com.chimti.ai.adapter.in.web.http.Requests;
import com.chimti.ai.adapter.in.web.http.WebJson;
import com.chimti.ai.adapter.in.web.view.AccountView;
import com.chimti.ai.adapter.in.web.view.LoginViews;
import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.in.ManageAccount;
import com.chimti.ai.core.port.in.StartLoginCommand;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.Objects;

/** The caller's own provider account: status, device or API-key login, switch and logout. */
public final class AccountRoutes {
    /** {@code provider} in the body wins over the {@code provider} query parameter; both are optional. */
    record LoginBody(String provider, String method, String apiKey) {
        static final LoginBody EMPTY = new LoginBody(null, null, null);
    }

    record ProviderBody(String provider) {
        static final ProviderBody EMPTY = new ProviderBody(null);
    }

    private final ManageAccount account;

    public AccountRoutes(ManageAccount account) {
        this.account = Objects.requireNonNull(account, "account");
    }

    public EndpointGroup endpoints() {
        return () -> {
            get("/v1/ai/account", this::status);
            post("/v1/ai/account/login", this::login);
            get("/v1/ai/account/login/{loginId}", this::loginStatus);
            delete("/v1/ai/account/login/{loginId}", this::cancelLogin);
            post("/v1/ai/account/switch", this::switchAccount);
            post("/v1/ai/account/logout", this::logout);
        };
    }

    void status(Context ctx) {
        ctx.json(AccountView.of(account.status(Authentication.caller(ctx), Requests.provider(ctx))));
    }

    void login(Context ctx) {
        answer(ctx, account.startLogin(loginCommand(ctx)));
    }

    void switchAccount(Context ctx) {
        answer(ctx, account.switchAccount(loginCommand(ctx)));
    }

    void loginStatus(Context ctx) {
        ctx.json(LoginViews.Poll.of(account.loginStatus(Authentication.caller(ctx), Requests.provider(ctx),
                Requests.loginId(ctx))));
    }

    void cancelLogin(Context ctx) {
        account.cancelLogin(Authentication.caller(ctx), Requests.provider(ctx), Requests.loginId(ctx));
        ctx.status(204);
    }

    void logout(Context ctx) {
        Caller caller = Authentication.callerWithAiAccess(ctx);
        ProviderBody body = WebJson.read(ctx, ProviderBody.class, ProviderBody.EMPTY);
        account.logout(caller, orQuery(body.provider(), ctx));
        ctx.status(204);
    }

    private StartLoginCommand loginCommand(Context ctx) {
        Caller caller = Authentication.callerWithAiAccess(ctx);
        LoginBody body = WebJson.read(ctx, LoginBody.class, LoginBody.EMPTY);
        LoginMethod method = method(body.method());
        Secret apiKey = body.apiKey() == null || body.apiKey().isBlank() ? null : new Secret(body.apiKey());
        return new StartLoginCommand(caller, orQuery(body.provider(), ctx), method, apiKey);
    }

    private static LoginMethod method(String wire) {
        if (wire == null || wire.isBlank() || wire.equals("device")) {
            return LoginMethod.DEVICE;
        }
        if (wire.equals("apiKey")) {
            return LoginMethod.API_KEY;
        }
        throw ApiProblem.invalid("method must be 'device' or 'apiKey'");
    }

    private static String orQuery(String provider, Context ctx) {
        return provider == null || provider.isBlank() ? Requests.provider(ctx) : provider;
    }

    private static void answer(Context ctx, LoginStart start) {
        ctx.status(LoginViews.statusOf(start)).json(LoginViews.of(start));
    }
}
