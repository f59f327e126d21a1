package com.chimti.ai.adapter.out.codex.process;

import com.chimti.ai.adapter.out.codex.CodexProvider;
import com.chimti.ai.adapter.out.codex.CodexSettings;
import com.chimti.ai.adapter.out.codex.runtime.CodexRuntime;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.domain.Secret;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CodexCliTest {
    private final CodexSettings base = CodexSettings.of(Path.of("target/p"), Path.of("target/w"), new Secret("s"));

    private static CodexCli resolve(CodexSettings settings) {
        return CodexCli.resolve(settings.cliBin(), settings.expectedVersion(),
                settings.versionCheck() == CodexSettings.VersionCheck.WARN);
    }

    @Test
    void thePinnedCliIsFoundAndReady() {
        CodexCli cli = resolve(base.withCliBin(null));
        assertThat(cli.readiness().ready()).as(String.valueOf(cli.readiness().problem())).isTrue();
        assertThat(cli.version()).isEqualTo(CodexSettings.PINNED_VERSION);
        assertThat(cli.tested()).isTrue();
        assertThat(cli.bin().toString()).endsWith("x86_64-unknown-linux-musl/bin/codex");
    }

    @Test
    void aMissingOrWrongCliIsReported() {
        assertThat(resolve(base.withCliBin(Path.of("/nonexistent/codex"))).readiness().problem())
                .contains("missing");
        // /bin/echo --version prints "--version": not the pinned version
        assertThat(resolve(base.withCliBin(Path.of("/bin/echo"))).readiness().problem())
                .contains(CodexSettings.PINNED_VERSION + " is required");
    }

    /** The pinned binary stands in for a newer one: the settings expect another version. */
    private CodexSettings expectingAnotherVersion(CodexSettings.VersionCheck check) {
        return new CodexSettings(null, "0.0.1", base.profileRoot(), base.workspaceRoot(), base.profileHashSecret(),
                null, java.util.List.of(), java.util.Map.of(), null, null, null, null, null, null,
                Confinement.Mode.AUTO, check);
    }

    @Test
    void anotherVersionIsNotReadyUnlessWarnRunsItUntestedAndOnlyConfined() {
        CodexCli exact = resolve(expectingAnotherVersion(CodexSettings.VersionCheck.EXACT));
        assertThat(exact.readiness().ready()).isFalse();
        assertThat(exact.readiness().problem()).contains("0.0.1 is required");

        CodexCli warn = resolve(expectingAnotherVersion(CodexSettings.VersionCheck.WARN));
        assertThat(warn.readiness().ready()).isTrue();
        assertThat(warn.tested()).isFalse();
        com.chimti.ai.core.domain.provider.ProviderReadiness confined = CodexRuntime.readiness(warn,
                Confinement.probe(Confinement.Mode.AUTO, warn.bin()));
        assertThat(confined.ready()).as(String.valueOf(confined.problem())).isTrue();
        assertThat(confined.warning()).contains("untested").contains(warn.version())
                .contains("CODEX_CLI_VERSION_CHECK=warn");
        // unconfined an untested CLI does not run, whatever CODEX_CONFINEMENT says
        for (Confinement.Mode mode : Confinement.Mode.values()) {
            com.chimti.ai.core.domain.provider.ProviderReadiness unconfined = CodexRuntime.readiness(warn,
                    Confinement.probe(mode, warn.bin(), java.util.List.of(Path.of("/nonexistent/bwrap"))));
            assertThat(unconfined.ready()).as(mode.name()).isFalse();
            assertThat(unconfined.problem()).contains("untested");
        }
    }

    @Test
    void aProviderWithoutItsCliSaysSoAndStartsNothing() {
        CodexSettings settings = base.withCliBin(Path.of("/nonexistent/codex"));
        try (CodexProvider provider = new CodexProvider(settings,
                new com.chimti.ai.core.testing.InMemoryLoginRepository(), java.time.Clock.systemUTC())) {
            assertThat(provider.readiness().ready()).isFalse();
            var status = provider.accountStatus(new TenantUser(new ClientId("client-1"), new UserId("u1")));
            assertThat(status.status()).isEqualTo(com.chimti.ai.core.domain.account.AccountState.ERROR);
            assertThat(provider.listModels(new TenantUser(new ClientId("client-1"), new UserId("u1"))))
                    .extracting(com.chimti.ai.core.domain.account.AiModel::id).containsExactly("gpt-5");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> provider.startLogin(
                    new com.chimti.ai.core.domain.account.LoginRequest(new TenantUser(new ClientId("client-1"), new UserId("u1")),
                            com.chimti.ai.core.domain.account.LoginMethod.DEVICE, null)))
                    .isInstanceOf(com.chimti.ai.core.domain.provider.ProviderFailureException.class);
        }
    }
}
