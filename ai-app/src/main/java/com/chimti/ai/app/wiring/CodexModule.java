package com.chimti.ai.app.wiring;

import com.chimti.ai.adapter.out.codex.CodexProvider;
import com.chimti.ai.adapter.out.codex.CodexSettings;
import com.chimti.ai.adapter.out.codex.process.ProcessLimits;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.port.out.AiAccounts;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.LoginRepository;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Adds the Codex CLI provider. Only the variables named by CODEX_ENV_PASSTHROUGH reach its processes. */
public final class CodexModule extends AbstractModule {
    /** Retry-After of a refusal at the process cap: a process is freed when some turn ends, in seconds. */
    private static final java.time.Duration PROCESS_RETRY_AFTER = java.time.Duration.ofSeconds(5);
    private final Map<String, String> serverEnvironment;

    public CodexModule(Map<String, String> serverEnvironment) {
        this.serverEnvironment = serverEnvironment;
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), AiProvider.class).addBinding().to(CodexProvider.class);
        Multibinder.newSetBinder(binder(), AiAccounts.class).addBinding().to(CodexProvider.class);
    }

    @Provides
    @Singleton
    CodexSettings codexSettings(AppConfig config, ServerSecrets secrets) {
        AppConfig.Codex codex = config.codex();
        return new CodexSettings(
                codex.cliBin() == null ? null : Path.of(codex.cliBin()),
                CodexSettings.PINNED_VERSION,
                codex.profileRoot(),
                codex.workspaceRoot(),
                new Secret(secrets.profileHashKey()),
                codex.configFile(),
                codex.envPassthrough(),
                serverEnvironment,
                codex.defaultModel(),
                codex.modelOptions(),
                codex.requestTimeout(),
                codex.loginExpiry(),
                codex.idleTimeout(),
                CodexSettings.ExecMode.parse(codex.execMode()),
                codex.confinement(),
                codex.versionCheck());
    }

    @Provides
    @Singleton
    CodexProvider codexProvider(CodexSettings settings, LoginRepository logins, Clock clock, AppConfig config) {
        AppConfig.Processes processes = config.processes();
        return new CodexProvider(settings, logins, clock, new ProcessLimits(processes.maxProcesses(),
                processes.queueLength(), processes.queueWait(), PROCESS_RETRY_AFTER));
    }
}
