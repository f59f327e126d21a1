package com.chimti.ai.core.service.billing;

import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.TimeOrderedIds;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.billing.TopUp;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.in.ManageWallet;
import com.chimti.ai.core.port.in.TopUpCommand;
import com.chimti.ai.core.port.out.AuditTrail;
import com.chimti.ai.core.port.out.Wallets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * Reading a wallet (callers with AI access, their own client, a brand only when in scope) and top-ups
 * (platform admins only, for any client). A top-up's idempotency key fingerprints the request (client, brand,
 * amount, reason): a retry books nothing new, a different request under the same key is a conflict. A booking is
 * audited once (a replay records nothing), with the amount and wallet but not the reason, which is free text.
 */
public final class WalletService implements ManageWallet {
    public static final int MAX_REASON_CHARS = 500;
    public static final int MAX_KEY_CHARS = 200;

    private final Wallets wallets;
    private final AiAccessPolicy accessPolicy;
    private final AuditTrail audit;
    private final Clock clock;

    public WalletService(Wallets wallets, AiAccessPolicy accessPolicy, AuditTrail audit, Clock clock) {
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.accessPolicy = Objects.requireNonNull(accessPolicy, "accessPolicy");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Wallet wallet(Caller caller, BrandId brandId) {
        accessPolicy.requireAccess(caller);
        caller.requireBrand(brandId);
        return wallets.find(caller.clientId(), brandId)
                .orElseThrow(() -> new NotFoundException("no wallet"));
    }

    @Override
    public Wallet topUp(TopUpCommand command) {
        if (!command.caller().hasRole(Role.PLATFORM_ADMIN)) {
            throw new OutOfScopeException("only platform admins may add credits");
        }
        if (command.clientId() == null) {
            throw new ValidationException("clientId is required");
        }
        if (command.amount() <= 0 || command.amount() > Wallet.MAX_BALANCE) {
            throw new ValidationException("amount must be an integer from 1 to " + Wallet.MAX_BALANCE);
        }
        String reason = requireText(command.reason(), "reason", MAX_REASON_CHARS);
        String key = requireText(command.idempotencyKey(), "idempotencyKey", MAX_KEY_CHARS);
        String hash = requestHash(command.clientId().value(),
                command.brandId() == null ? "" : command.brandId().value(), Long.toString(command.amount()), reason);
        TopUp topUp = wallets.credit(command.clientId(), command.brandId(), command.amount(), reason, key, hash);
        if (topUp.booked()) {
            // in the wallet's client, where the credits went (the admin's own client is named in the details)
            Caller caller = command.caller();
            audit.record(new AuditEvent(TimeOrderedIds.next(), clock.instant(), AuditEventType.WALLET_TOPPED_UP,
                    command.clientId(), command.brandId(), caller.userId(), null, caller.requestId(),
                    Map.of("amount", Long.toString(command.amount()), "walletId", topUp.wallet().walletId(),
                            "actorClientId", caller.clientId().value())));
        }
        return topUp.wallet();
    }

    private static String requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field + " is required");
        }
        if (value.length() > max) {
            throw new ValidationException(field + " may have at most " + max + " characters");
        }
        return value;
    }

    /** SHA-256 of the length-prefixed parts, so no two different requests share a fingerprint. */
    static String requestHash(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
