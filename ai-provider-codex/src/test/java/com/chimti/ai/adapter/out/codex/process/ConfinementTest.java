package com.chimti.ai.adapter.out.codex.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.CodexProvider;
import com.chimti.ai.adapter.out.codex.CodexSettings;
import com.chimti.ai.adapter.out.codex.RealCliTestBase;
import com.chimti.ai.adapter.out.codex.process.Confinement.Mode;
import com.chimti.ai.adapter.out.codex.runtime.CodexRuntime;
import com.chimti.ai.core.domain.provider.ProviderReadiness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the CLI runs confined, and what the provider's readiness says in each mode. */
class ConfinementTest extends RealCliTestBase {

    private CodexCli cli() {
        CodexSettings settings = settings(CodexSettings.ExecMode.EXEC);
        CodexCli cli = CodexCli.resolve(settings.cliBin(), settings.expectedVersion(), false);
        assertThat(cli.readiness().ready()).as(String.valueOf(cli.readiness().problem())).isTrue();
        return cli;
    }

    @Test
    void bubblewrapRunsThePinnedCliHere() {
        Confinement confinement = Confinement.probe(Mode.REQUIRED, cli().bin());
        assertThat(confinement.active()).as(String.valueOf(confinement.unavailableBecause())).isTrue();
        List<String> wrapped = confinement.wrap(List.of("/opt/codex", "exec"), Path.of("/p/home"), Path.of("/w/ws"));
        assertThat(wrapped.get(0)).endsWith("bwrap");
        assertThat(wrapped).containsSubsequence("--bind", "/p/home", "/p/home")
                .containsSubsequence("--bind", "/w/ws", "/w/ws")
                .containsSubsequence("--tmpfs", "/tmp", "--ro-bind")
                .contains("--unshare-pid", "--unshare-user", "--die-with-parent")
                .endsWith("--", "/opt/codex", "exec")
                .doesNotContain("--setenv");
        assertThat(ProviderReadiness.READY).isEqualTo(CodexRuntime.readiness(cli(), confinement));
    }

    @Test
    void withoutBubblewrapRequiredIsNotReadyAndAutoWarns() {
        List<Path> none = List.of(Path.of("/nonexistent/bwrap"));
        Confinement required = Confinement.probe(Mode.REQUIRED, cli().bin(), none);
        assertThat(required.active()).isFalse();
        ProviderReadiness notReady = CodexRuntime.readiness(cli(), required);
        assertThat(notReady.ready()).isFalse();
        assertThat(notReady.problem()).contains("CODEX_CONFINEMENT=required").contains("not installed");

        ProviderReadiness warned = CodexRuntime.readiness(cli(), Confinement.probe(Mode.AUTO, cli().bin(), none));
        assertThat(warned.ready()).isTrue();
        assertThat(warned.warning()).contains("unconfined");

        Confinement off = Confinement.probe(Mode.OFF, cli().bin());
        assertThat(off.active()).isFalse();
        assertThat(CodexRuntime.readiness(cli(), off)).isEqualTo(ProviderReadiness.READY);
        assertThat(off.wrap(List.of("/opt/codex", "exec"), Path.of("/p"), Path.of("/w")))
                .containsExactly("/opt/codex", "exec");
    }

    @Test
    void aBubblewrapThatCannotRunTheCliCountsAsUnavailable() {
        Confinement broken = Confinement.probe(Mode.REQUIRED, cli().bin(), List.of(Path.of("/bin/false")));
        assertThat(broken.active()).isFalse();
        assertThat(broken.unavailableBecause()).startsWith("bubblewrap cannot run the CLI here");
    }

    @Test
    void withWarnAnUntestedVersionRunsATurnConfined() {
        CodexSettings pinned = settings(CodexSettings.ExecMode.APP_SERVER);
        CodexSettings untested = new CodexSettings(null, "0.0.1", pinned.profileRoot(), pinned.workspaceRoot(),
                pinned.profileHashSecret(), pinned.configFile(), pinned.envPassthrough(), fake.loginIssuerEnv(),
                null, null, null, null, null, CodexSettings.ExecMode.APP_SERVER, Confinement.Mode.AUTO,
                CodexSettings.VersionCheck.WARN);
        try (CodexProvider provider = new CodexProvider(untested,
                new com.chimti.ai.core.testing.InMemoryLoginRepository(), java.time.Clock.systemUTC())) {
            assertReady(provider);
            assertThat(provider.cliTested()).isFalse();
            assertThat(provider.confined()).isTrue();
            assertThat(provider.readiness().warning()).contains(provider.cliVersion()).contains("untested");
            com.chimti.ai.core.domain.tenancy.TenantUser alice = new com.chimti.ai.core.domain.tenancy.TenantUser(
                    new com.chimti.ai.core.domain.tenancy.ClientId("client-1"),
                    new com.chimti.ai.core.domain.tenancy.UserId("user-alice"));
            provider.startLogin(new com.chimti.ai.core.domain.account.LoginRequest(alice,
                    com.chimti.ai.core.domain.account.LoginMethod.API_KEY, new com.chimti.ai.core.domain.Secret("sk-alice")));
            com.chimti.ai.core.domain.turn.CompletionResult result = provider.complete(
                    new com.chimti.ai.core.domain.turn.CompletionRequest(alice, null, null, null,
                            List.of(new com.chimti.ai.core.domain.chat.PromptMessage(
                                    com.chimti.ai.core.domain.chat.MessageRole.USER, "hi")),
                            null, null, java.time.Duration.ofSeconds(60), null),
                    com.chimti.ai.core.port.out.TurnListener.NONE);
            assertThat(result.outcome()).isEqualTo(com.chimti.ai.core.domain.provider.TurnOutcome.COMPLETED);
        } finally {
            fake.reset();
        }
        assertThat(codexProcesses()).isEmpty();
    }

    @Test
    void theModeIsParsedStrictly() {
        assertThat(Mode.parse(null)).isEqualTo(Mode.AUTO);
        assertThat(Mode.parse(" off ")).isEqualTo(Mode.OFF);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Mode.parse("yes"))
                .hasMessage("CODEX_CONFINEMENT must be auto, required or off");
    }
}
