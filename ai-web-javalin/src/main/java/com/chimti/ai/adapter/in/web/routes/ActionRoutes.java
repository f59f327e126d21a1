package com.chimti.ai.adapter.in.web.routes;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.chimti.ai.adapter.in.web.auth.Authentication;
import com.chimti.ai.adapter.in.web.http.Requests;
import com.chimti.ai.adapter.in.web.view.ActionView;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.port.in.ManageActions;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /v1/ai/actions?chatId=} (the caller's actions, newest first), {@code GET /v1/ai/actions/{actionId}},
 * {@code POST /v1/ai/actions/{actionId}/confirm} (runs it once: executed or failed) and
 * {@code POST /v1/ai/actions/{actionId}/reject}. Confirm and reject never read the request body, so
 * {@code status}, {@code clientId}, {@code balance}, {@code result} or anything else sent there does nothing.
 * Another user's action is 404; confirming or rejecting an action that is no longer proposed is 409
 * {@code conflict}. There is no route to propose: proposals come only from the model, through the core.
 */
public final class ActionRoutes {
    record ActionList(List<ActionView> items) {
    }

    private final ManageActions actions;

    public ActionRoutes(ManageActions actions) {
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    public EndpointGroup endpoints() {
        return () -> {
            get("/v1/ai/actions", this::list);
            get("/v1/ai/actions/{actionId}", this::one);
            post("/v1/ai/actions/{actionId}/confirm", this::confirm);
            post("/v1/ai/actions/{actionId}/reject", this::reject);
        };
    }

    void list(Context ctx) {
        List<ActionView> items = actions.list(Authentication.caller(ctx), Requests.chatFilter(ctx)).stream()
                .map(ActionView::of).toList();
        ctx.json(new ActionList(items));
    }

    void one(Context ctx) {
        ctx.json(ActionView.of(actions.get(Authentication.caller(ctx), actionId(ctx))));
    }

    void confirm(Context ctx) {
        ctx.json(ActionView.of(actions.confirm(Authentication.caller(ctx), actionId(ctx))));
    }

    void reject(Context ctx) {
        ctx.json(ActionView.of(actions.reject(Authentication.caller(ctx), actionId(ctx))));
    }

    private static ActionId actionId(Context ctx) {
        return new ActionId(ctx.pathParam("actionId"));
    }
}
