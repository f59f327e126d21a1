package com.chimti.ai.adapter.out.openaistub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.adapter.out.openaistub.OpenAiStubProvider.StubSettings;
import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenAiStubAccountsTest {
    private static final TenantUser ALICE = new TenantUser(new ClientId("c1"), new UserId("alice"));
    private final OpenAiStubAccounts accounts =
            new OpenAiStubAccounts(new StubSettings(Duration.ZERO, Duration.ofMinutes(1)), Clock.systemUTC());

    @Test
    void deviceLoginIsPendingThenConnectedAndOnlyItsOwnerCanSeeIt() {
        LoginStart start = accounts.startLogin(new LoginRequest(ALICE, LoginMethod.DEVICE, null));
        LoginStart.DevicePending pending = (LoginStart.DevicePending) start;

        assertThatThrownBy(() -> accounts.loginStatus(new TenantUser(new ClientId("c1"), new UserId("bob")), pending.loginId()))
                .isInstanceOf(NotFoundException.class);
        assertThat(accounts.loginStatus(ALICE, pending.loginId()).status()).isEqualTo(LoginState.CONNECTED);
    }

    @Test
    void theChosenModelIsPerUser() {
        accounts.updateModel(ALICE, "stub-large");
        assertThat(accounts.accountStatus(ALICE).model()).isEqualTo("stub-large");
        assertThat(accounts.accountStatus(new TenantUser(new ClientId("c1"), new UserId("bob"))).model()).isEqualTo("stub-small");
    }

    @Test
    void forgettingAUserDropsTheirLoginsAndModelOnlyInTheirClient() {
        TenantUser aliceElsewhere = new TenantUser(new ClientId("c2"), ALICE.userId());
        LoginStart.DevicePending pending =
                (LoginStart.DevicePending) accounts.startLogin(new LoginRequest(ALICE, LoginMethod.DEVICE, null));
        accounts.updateModel(ALICE, "stub-large");
        accounts.updateModel(aliceElsewhere, "stub-large");

        accounts.forget(ALICE);
        accounts.forget(ALICE);

        assertThatThrownBy(() -> accounts.loginStatus(ALICE, pending.loginId())).isInstanceOf(NotFoundException.class);
        assertThat(accounts.accountStatus(ALICE).model()).isEqualTo("stub-small");
        assertThat(accounts.accountStatus(aliceElsewhere).model()).isEqualTo("stub-large");
    }
}
