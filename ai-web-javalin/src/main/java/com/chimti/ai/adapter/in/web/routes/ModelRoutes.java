package com.chimti.ai.adapter.in.web.routes;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.put;

import com.chimti.ai.adapter.in.web.auth.Authentication;
import com.chimti.ai.adapter.in.web.http.Requests;
import com.chimti.ai.adapter.in.web.http.WebJson;
import com.chimti.ai.adapter.in.web.view.ModelViews;
import com.chimti.ai.core.domain.account.ModelCatalog;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.in.ManageModels;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.Objects;

/** The models the caller may pick, and their choice. A model not offered is a 400 from the core. */
public final class ModelRoutes {
    record ChooseModelRequest(String provider, String model) {
    }

    private final ManageModels models;

    public ModelRoutes(ManageModels models) {
        this.models = Objects.requireNonNull(models, "models");
    }

    public EndpointGroup endpoints() {
        return () -> {
            get("/v1/ai/models", this::catalog);
            put("/v1/ai/models/current", this::choose);
        };
    }

    void catalog(Context ctx) {
        ctx.json(ModelViews.Catalog.of(models.catalog(Authentication.caller(ctx), Requests.provider(ctx))));
    }

    void choose(Context ctx) {
        Caller caller = Authentication.callerWithAiAccess(ctx);
        ChooseModelRequest body = WebJson.read(ctx, ChooseModelRequest.class, null);
        String provider = body.provider() == null || body.provider().isBlank() ? Requests.provider(ctx)
                : body.provider();
        ModelCatalog chosen = models.choose(caller, provider,
                Requests.required(body.model(), "model"));
        ctx.json(new ModelViews.Current(chosen.provider().value(), chosen.current()));
    }
}
