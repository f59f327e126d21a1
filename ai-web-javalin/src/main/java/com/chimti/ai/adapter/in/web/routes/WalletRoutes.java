package com.chimti.ai.adapter.in.web.routes;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.chimti.ai.adapter.in.web.auth.Authentication;
import com.chimti.ai.adapter.in.web.http.ApiProblem;
import com.chimti.ai.adapter.in.web.http.Requests;
import com.chimti.ai.adapter.in.web.http.WebJson;
import com.chimti.ai.adapter.in.web.view.Views;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.in.ManageWallet;
import com.chimti.ai.core.port.in.TopUpCommand;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * {@code GET /v1/ai/wallet?brandId=} (the caller's client or brand wallet; 404 when there is none) and
 * {@code POST /v1/ai/wallet/credits} (platform admins; idempotent per {@code idempotencyKey}). Only the named
 * body fields are read: {@code balance}, {@code reserved} or anything else in the body does nothing.
 */
public final class WalletRoutes {
    record WalletView(String walletId, String clientId, String brandId, long balance, long reserved,
                      long available) {
        static WalletView of(Wallet wallet) {
            return new WalletView(wallet.walletId(), wallet.clientId().value(), Views.text(wallet.brandId()),
                    wallet.balance(), wallet.reserved(), wallet.available());
        }
    }

    /** {@code amount} as a node, so 1.5, "5" or 1e3 are refused instead of coerced. */
    record TopUpRequest(String clientId, String brandId, JsonNode amount, String reason, String idempotencyKey) {
    }

    private final ManageWallet wallets;

    public WalletRoutes(ManageWallet wallets) {
        this.wallets = Objects.requireNonNull(wallets, "wallets");
    }

    public EndpointGroup endpoints() {
        return () -> {
            get("/v1/ai/wallet", this::wallet);
            post("/v1/ai/wallet/credits", this::topUp);
        };
    }

    void wallet(Context ctx) {
        ctx.json(WalletView.of(wallets.wallet(Authentication.caller(ctx), Requests.brandId(ctx))));
    }

    void topUp(Context ctx) {
        Caller caller = Authentication.caller(ctx);
        // refused before the body is even read: a non-admin learns nothing about what a valid body looks like
        if (!caller.hasRole(Role.PLATFORM_ADMIN)) {
            throw new OutOfScopeException("only platform admins may add credits");
        }
        TopUpRequest body = WebJson.read(ctx, TopUpRequest.class, null);
        ClientId clientId = new ClientId(Requests.required(body.clientId(), "clientId"));
        BrandId brandId = body.brandId() == null || body.brandId().isBlank() ? null : new BrandId(body.brandId());
        JsonNode amount = body.amount();
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || amount.asLong() <= 0
                || amount.asLong() > Wallet.MAX_BALANCE) {
            throw ApiProblem.invalid("amount must be an integer from 1 to " + Wallet.MAX_BALANCE);
        }
        Wallet wallet = wallets.topUp(new TopUpCommand(caller, clientId, brandId, amount.asLong(),
                Requests.required(body.reason(), "reason"), Requests.required(body.idempotencyKey(),
                "idempotencyKey")));
        ctx.json(WalletView.of(wallet));
    }
}
