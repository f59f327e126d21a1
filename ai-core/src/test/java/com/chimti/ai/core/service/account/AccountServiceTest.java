package com.chimti.ai.core.service.account;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.account.AccountState;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.tenancy.AiNotEnabledException;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.in.StartLoginCommand;
import com.chimti.ai.core.testing.CoreFixture;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
    private final CoreFixture core = new CoreFixture();
    private final AccountService accounts = core.accountService;
    private final Caller alice = aCaller().user("alice").build();

    @Test
    void apiKeyLoginConnectsAndLogoutDisconnects() {
        LoginStart start = accounts.startLogin(new StartLoginCommand(alice, null, LoginMethod.API_KEY,
                new Secret("sk-test")));
        assertThat(start).isInstanceOf(LoginStart.Connected.class);
        assertThat(accounts.status(alice, null).status()).isEqualTo(AccountState.CONNECTED);

        accounts.logout(alice, null);
        assertThat(accounts.status(alice, null).status()).isEqualTo(AccountState.DISCONNECTED);
    }

    @Test
    void deviceLoginsBelongToTheirUser() {
        var pending = (LoginStart.DevicePending) accounts.startLogin(
                new StartLoginCommand(alice, null, LoginMethod.DEVICE, null));
        Caller bob = aCaller().user("bob").build();

        assertThatThrownBy(() -> accounts.loginStatus(bob, null, pending.loginId()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> accounts.cancelLogin(bob, null, pending.loginId()))
                .isInstanceOf(NotFoundException.class);
        accounts.cancelLogin(alice, null, pending.loginId());
        assertThat(accounts.loginStatus(alice, null, pending.loginId()).status()).isEqualTo(LoginState.CANCELLED);
    }

    @Test
    void aLoginIsFoundByItsIdAloneAmongSeveralProviders() {
        com.chimti.ai.core.testing.FakeProvider other = new com.chimti.ai.core.testing.FakeProvider("other");
        AccountService twoProviders = new AccountService(
                new com.chimti.ai.core.service.provider.Providers(java.util.List.of(core.provider, other),
                        java.util.List.of(core.provider, other), core.provider.id()),
                core.settings, core.modelChoice, core.accessPolicy, core.audit, core.clock);
        var pending = (LoginStart.DevicePending) twoProviders.startLogin(
                new StartLoginCommand(alice, "other", LoginMethod.DEVICE, null));

        assertThat(twoProviders.loginStatus(alice, null, pending.loginId()).status()).isEqualTo(LoginState.PENDING);
        twoProviders.cancelLogin(alice, null, pending.loginId());
        assertThat(twoProviders.loginStatus(alice, "other", pending.loginId()).status())
                .isEqualTo(LoginState.CANCELLED);
        assertThatThrownBy(() -> twoProviders.loginStatus(aCaller().user("bob").build(), null, pending.loginId()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void switchingSignsOutFirst() {
        accounts.startLogin(new StartLoginCommand(alice, null, LoginMethod.API_KEY, new Secret("sk-a")));
        LoginStart next = accounts.switchAccount(new StartLoginCommand(alice, null, LoginMethod.DEVICE, null));

        assertThat(next).isInstanceOf(LoginStart.DevicePending.class);
        assertThat(accounts.status(alice, null).status()).isEqualTo(AccountState.DISCONNECTED);
    }

    @Test
    void aChosenModelIsStoredAndUsedForNewChats() {
        assertThat(accounts.catalog(alice, null).current()).isEqualTo("fake-1");
        accounts.choose(alice, null, "fake-2");

        assertThat(accounts.catalog(alice, null).current()).isEqualTo("fake-2");
        assertThat(core.settings.find(alice.tenantUser(), core.provider.id()).orElseThrow().model()).isEqualTo("fake-2");
        assertThat(core.chatService.create(new com.chimti.ai.core.port.in.CreateChatCommand(alice, null, null, null))
                .model()).isEqualTo("fake-2");
    }

    @Test
    void aModelNotOfferedOrAnUnknownProviderIsRefused() {
        assertThatThrownBy(() -> accounts.choose(alice, null, "gpt-9000")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> accounts.status(alice, "nope")).isInstanceOf(ValidationException.class);
        assertThat(core.settings.find(alice.tenantUser(), core.provider.id())).isEmpty();
    }

    @Test
    void callersWithoutAiAccessCannotTouchAccounts() {
        Caller field = aCaller().roles(Role.FIELD).build();
        assertThatThrownBy(() -> accounts.status(field, null)).isInstanceOf(AiNotEnabledException.class);
    }
}
