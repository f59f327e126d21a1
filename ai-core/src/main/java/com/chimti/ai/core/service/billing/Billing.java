package com.chimti.ai.core.service.billing;

import com.chimti.ai.core.domain.billing.CreditPricing;
import com.chimti.ai.core.domain.billing.InsufficientCreditsException;
import com.chimti.ai.core.domain.billing.Reservation;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.port.out.Wallets;
import com.chimti.ai.core.service.turn.TurnSettler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Prepaid credits around one provider call: {@link #hold} reserves the call's maximum cost before the provider
 * is called, {@link #charge} prices the actual cost after it (also after a failure: at least the base), which
 * {@link TurnSettler} writes with the call's usage row.
 *
 * <p>Which wallet: a call in a brand charges the brand's wallet when there is one, else the client's wallet.
 * When the client has no wallet at all, billing is off for that client: the call proceeds and costs 0 credits.
 * This keeps the standalone server usable before anyone has bought credits; a client is put on prepaid billing
 * by its first top-up. A wallet that exists but cannot cover the maximum cost refuses the call with
 * {@link InsufficientCreditsException} before anything is stored or sent.
 *
 * <p>The maximum input is estimated as one token per character of everything sent (prompt and context) plus a
 * fixed overhead for what the provider adds (system prompt, tools); output is capped by
 * {@link BillingSettings#maxOutputTokens()}. The charge never exceeds the reservation: if a provider overruns
 * the estimate, the overrun is not billed (the wallet can then never go below what other turns hold).
 */
public final class Billing {
    private final Wallets wallets;
    private final BillingSettings settings;

    public Billing(Wallets wallets, BillingSettings settings) {
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    private Billing() {
        this.wallets = null;
        this.settings = null;
    }

    /** No prepaid credits at all: every call costs 0 (the behaviour before wallets existed). */
    public static Billing disabled() {
        return new Billing();
    }

    /**
     * Whether a failed provider call costs the base price. A call the user's own account refused before any
     * work (not connected, its own usage limit reached) costs nothing, so a user who has not connected yet
     * is not charged for trying.
     */
    public static boolean chargesFor(RuntimeException failure) {
        return !(failure instanceof ProviderNotConnectedException || failure instanceof RateLimitedException);
    }

    /** A held reservation, or {@link #FREE} when billing is off for the caller. */
    public record Hold(String reservationId, long amount) {
        public static final Hold FREE = new Hold(null, 0);

        public boolean billed() {
            return reservationId != null;
        }
    }

    /** Estimated tokens of what is sent: one per character, plus the configured overhead. */
    public long estimateInputTokens(List<PromptMessage> prompt, String context) {
        long chars = context == null ? 0 : context.length();
        for (PromptMessage message : prompt) {
            chars += message.content() == null ? 0 : message.content().length();
        }
        return chars + (settings == null ? 0 : settings.inputTokenOverhead());
    }

    /** Reserves the maximum cost, or throws {@link InsufficientCreditsException}; FREE when billing is off. */
    public Hold hold(ClientId clientId, BrandId brandId, String model, long maxInputTokens) {
        if (wallets == null) {
            return Hold.FREE;
        }
        Optional<Wallet> wallet = brandId == null ? Optional.empty() : wallets.find(clientId, brandId);
        if (wallet.isEmpty()) {
            wallet = wallets.find(clientId, null);
        }
        if (wallet.isEmpty()) {
            return Hold.FREE;
        }
        long maxCost = settings.pricing().maxCost(model, maxInputTokens, settings.maxOutputTokens());
        Reservation reservation = wallets.reserve(wallet.get().walletId(), maxCost);
        if (reservation instanceof Reservation.Held held) {
            return new Hold(held.reservationId(), held.amount());
        }
        throw new InsufficientCreditsException("not enough credits for this call: " + maxCost + " needed");
    }

    /** The actual cost of a call, capped at its hold; 0 when the call is not billed. Writes nothing. */
    public long charge(Hold hold, String model, TokenUsage usage) {
        if (!hold.billed()) {
            return 0;
        }
        return Math.min(hold.amount(), settings.pricing().cost(model, usage));
    }

    /**
     * Ends the reservation without a charge (the call never got as far as a settlement). Runs while another
     * failure propagates, so it never throws: a hold it cannot void stays open until the start-up sweep
     * ({@link Wallets#voidStale}) voids it.
     */
    public void release(Hold hold) {
        if (!hold.billed()) {
            return;
        }
        try {
            wallets.voidReservation(hold.reservationId());
        } catch (RuntimeException unreachable) {
            // left for the sweep; the original failure is what the caller must see
        }
    }
}
