package com.chimti.ai.core.service.billing;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.billing.Reservation;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.in.TopUpCommand;
import com.chimti.ai.core.testing.CoreFixture;
import com.chimti.ai.core.testing.InMemoryWallets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WalletServiceTest {
    private final CoreFixture core = new CoreFixture();
    private final Caller platform = aCaller().user("ops").client("platform").roles(Role.PLATFORM_ADMIN)
            .modules().build();
    private final Caller alice = aCaller().user("alice").build();
    private final ClientId c1 = new ClientId("c1");

    @Test
    void aTopUpCreatesTheWalletAndTheSameKeyBooksOnce() {
        Wallet first = core.walletService.topUp(new TopUpCommand(platform, c1, null, 500, "invoice 1", "k1"));
        Wallet again = core.walletService.topUp(new TopUpCommand(platform, c1, null, 500, "invoice 1", "k1"));

        assertThat(first.balance()).isEqualTo(500);
        assertThat(again).isEqualTo(first);
        assertThat(core.walletService.wallet(alice, null).balance()).isEqualTo(500);
        assertThat(core.wallets.ledger()).hasSize(1);
    }

    @Test
    void theSameKeyWithADifferentRequestIsAConflict() {
        core.walletService.topUp(new TopUpCommand(platform, c1, null, 500, "invoice 1", "k1"));
        assertThatThrownBy(() -> core.walletService.topUp(new TopUpCommand(platform, c1, null, 501, "invoice 1",
                "k1"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> core.walletService.topUp(new TopUpCommand(platform, c1, new BrandId("b1"), 500,
                "invoice 1", "k1"))).isInstanceOf(ConflictException.class);
        assertThat(core.walletService.wallet(alice, null).balance()).isEqualTo(500);
    }

    @Test
    void onlyPlatformAdminsMayTopUp() {
        assertThatThrownBy(() -> core.walletService.topUp(new TopUpCommand(alice, c1, null, 5, "r", "k")))
                .isInstanceOf(OutOfScopeException.class);
        assertThat(core.wallets.ledger()).isEmpty();
    }

    @Test
    void aTopUpNeedsAPositiveAmountAReasonAndAKey() {
        assertThatThrownBy(() -> core.walletService.topUp(new TopUpCommand(platform, c1, null, 0, "r", "k")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> core.walletService.topUp(new TopUpCommand(platform, c1, null, -5, "r", "k")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> core.walletService.topUp(new TopUpCommand(platform, c1, null, 5, " ", "k")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> core.walletService.topUp(new TopUpCommand(platform, c1, null, 5, "r", null)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> core.walletService.topUp(new TopUpCommand(platform, null, null, 5, "r", "k")))
                .isInstanceOf(ValidationException.class);
        assertThat(core.wallets.ledger()).isEmpty();
    }

    @Test
    void readingAWalletIsScopedToTheCallersClientAndBrands() {
        assertThatThrownBy(() -> core.walletService.wallet(alice, null)).isInstanceOf(NotFoundException.class);
        core.wallets.create(c1, new BrandId("b1"), 10);
        core.wallets.create(new ClientId("c2"), null, 10);

        assertThat(core.walletService.wallet(alice, new BrandId("b1")).balance()).isEqualTo(10);
        assertThatThrownBy(() -> core.walletService.wallet(alice, null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> core.walletService.wallet(alice, new BrandId("b9")))
                .isInstanceOf(OutOfScopeException.class);
    }

    @Test
    void theInMemoryWalletsEndEachReservationOnceAndSweepOldOnes() {
        InMemoryWallets wallets = core.wallets;
        Wallet wallet = wallets.create(c1, null, 10);
        Reservation.Held held = (Reservation.Held) wallets.reserve(wallet.walletId(), 6);
        assertThat(wallets.reserve(wallet.walletId(), 5)).isInstanceOf(Reservation.NotEnough.class);
        assertThat(wallets.settle(held.reservationId(), 4)).isTrue();
        assertThat(wallets.settle(held.reservationId(), 4)).isFalse();
        assertThat(wallets.voidReservation(held.reservationId())).isFalse();
        assertThat(wallets.byId(wallet.walletId()).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(6L, 0L);

        Reservation.Held old = (Reservation.Held) wallets.reserve(wallet.walletId(), 6);
        assertThat(wallets.voidStale(Instant.now().minusSeconds(60))).isZero();
        assertThat(wallets.voidStale(Instant.now().plusSeconds(1))).isEqualTo(1);
        assertThat(wallets.settle(old.reservationId(), 1)).isFalse();
        assertThat(wallets.byId(wallet.walletId()).orElseThrow().available()).isEqualTo(6);
    }
}
