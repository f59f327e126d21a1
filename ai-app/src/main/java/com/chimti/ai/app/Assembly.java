package com.chimti.ai.app;

import com.chimti.ai.adapter.out.codex.CodexProvider;
import com.chimti.ai.adapter.out.persistence.account.LegacyProfileMoves;
import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.adapter.out.persistence.connection.DatabaseSettings;
import com.chimti.ai.app.lifecycle.ArtifactRetentionSweeper;
import com.chimti.ai.app.tracing.Tracing;
import com.chimti.ai.app.wiring.AppModule;
import com.chimti.ai.app.wiring.CodexModule;
import com.chimti.ai.app.wiring.CoreModule;
import com.chimti.ai.app.wiring.ExtensionModule;
import com.chimti.ai.app.wiring.HostExtensions;
import com.chimti.ai.app.wiring.OpenAiStubModule;
import com.chimti.ai.app.wiring.PersistenceModule;
import com.chimti.ai.app.wiring.ServerSecrets;
import com.chimti.ai.app.wiring.TracingModule;
import com.chimti.ai.core.domain.action.ActionTypeTakenException;
import com.chimti.ai.core.port.out.AiExtension;
import com.chimti.ai.core.port.out.ContextBuilder;
import com.chimti.ai.core.port.out.ArtifactRepository;
import com.chimti.ai.core.port.out.ArtifactStore;
import com.chimti.ai.core.port.out.Wallets;
import com.chimti.ai.core.service.action.ActionRegistry;
import com.chimti.ai.core.service.artifact.ArtifactRetention;
import com.chimti.ai.core.service.provider.Providers;
import com.chimti.ai.core.service.turn.RunningTurns;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the standalone server and the embedded core build alike, in order: the host's extensions (the caller's
 * and those of AI_EXTENSIONS_DIR), the database, tracing, the injector over the core, persistence, the
 * extensions and the configured providers (plus the caller's own modules), then the migrated schema, each
 * extension's own tables (and the Codex profile folders V9 left to rename), the other instances' cancels served,
 * the credit holds an earlier crash left open voided, and the artifact retention sweep started. Whatever was
 * opened is closed again if a step fails.
 */
record Assembly(Database database, Tracing tracing, Injector injector, ExtensionsFolder extensionsFolder,
                ArtifactRetentionSweeper retention) {
    private static final Logger LOG = LoggerFactory.getLogger(Assembly.class);
    /** Expired artifacts deleted per transaction by a retention sweep. */
    private static final int RETENTION_BATCH = 500;

    /**
     * @param environment what the process was started with; Codex processes see only what CODEX_ENV_PASSTHROUGH
     *                    names of it
     * @param edgeModules the caller's own modules (the HTTP edge and its metrics, or a host's meter registry)
     * @param host        the extensions, action handlers and context sources a host registered itself
     */
    static Assembly build(AppConfig config, ServerSecrets secrets, Map<String, String> environment, Stage stage,
                          List<Module> edgeModules, HostExtensions host) {
        // the files first: a bad one fails before anything is opened
        AppModule app = new AppModule(config, secrets, SkillsFile.load(config.oneShot().skillsFile()),
                NamesFile.load(config.contextNamesFile()));
        ExtensionsFolder folder = ExtensionsFolder.load(config.extensionsDir(), Assembly.class.getClassLoader());
        HostExtensions extensions;
        Database database;
        try {
            extensions = host.with(folder.extensions()); // one name per extension, wherever it came from
            database = Database.open(new DatabaseSettings(config.database().url(), config.database().user(),
                    config.database().password(), config.dataDir(), config.database().maxPoolSize()));
        } catch (RuntimeException failed) {
            folder.close();
            throw failed;
        }
        Tracing tracing = null;
        Injector injector = null;
        try {
            tracing = Tracing.start(config.telemetry()); // a no-op unless OTEL_* says so
            List<Module> modules = new ArrayList<>(List.of(app, new TracingModule(tracing), new CoreModule(),
                    new PersistenceModule(database), new ExtensionModule(extensions)));
            modules.addAll(edgeModules);
            if (config.providers().contains("codex")) {
                modules.add(new CodexModule(environment));
            }
            if (config.providers().contains("openai-stub")) {
                modules.add(new OpenAiStubModule());
            }
            injector = wire(stage, modules);
            database.migrate();
            // each extension's own tables after the core's, in a Flyway history of its own
            for (AiExtension extension : extensions.extensions()) {
                extension.migrationLocation().ifPresent(location -> database.migrateExtension(extension.name(),
                        extension.getClass().getClassLoader(), location));
            }
            // several instances on one database: one profile root and one profile-hash secret, or none starts
            SharedStorageCheck.verify(database, config.codex().profileRoot(), secrets.profileHashKey());
            if (config.providers().contains("codex")) {
                // V9's other half: profile folders of subs with one client move to their (client, sub) name
                LegacyProfileMigration.run(injector.getInstance(LegacyProfileMoves.class),
                        injector.getInstance(CodexProvider.class), Clock.systemUTC());
            }
            // a cancel that reached another instance finds this one's turns; an erasure there, its processes
            RunningTurns runningTurns = injector.getInstance(RunningTurns.class);
            Providers providers = injector.getInstance(Providers.class);
            injector.getInstance(PersistenceModule.IncomingCancels.class).serve(runningTurns::cancelHere, user -> {
                try (RunningTurns.UserStop stop = runningTurns.stopUser(user)) { // its one-shot calls here too
                    providers.allAccounts().forEach(accounts -> accounts.forget(user));
                }
            });
            int voided = injector.getInstance(Wallets.class)
                    .voidStale(Instant.now().minus(config.turns().timeout().multipliedBy(2)));
            if (voided > 0) {
                LOG.info("voided {} credit holds left open by an earlier run", voided);
            }
            // AI_ARTIFACT_RETENTION_DAYS: expired artifacts swept in the background (none without it)
            return new Assembly(database, tracing, injector, folder, startRetention(config, injector));
        } catch (RuntimeException failed) {
            if (injector != null) {
                ProviderShutdown.closeAll(injector, LOG);
            }
            if (tracing != null) {
                tracing.close();
            }
            database.close();
            folder.close();
            throw failed;
        }
    }

    /**
     * The injector, with the action registry and the context builder built now in every stage, so a host's
     * extension that cannot be built, or a host action that takes a built-in's type, stops the start with a
     * {@link ConfigException} rather than a Guice trace or a failing first turn.
     */
    private static Injector wire(Stage stage, List<Module> modules) {
        try {
            Injector injector = Guice.createInjector(stage, modules);
            injector.getInstance(ActionRegistry.class);
            injector.getInstance(ContextBuilder.class);
            return injector;
        } catch (CreationException wiring) {
            throw startupError(wiring, wiring.getErrorMessages());
        } catch (ProvisionException wiring) {
            throw startupError(wiring, wiring.getErrorMessages());
        }
    }

    /** The host's configuration error behind a Guice error (one failing provider fails its dependents too). */
    private static RuntimeException startupError(RuntimeException wiring, Collection<Message> errors) {
        for (Message error : errors) {
            for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ConfigException config) {
                    return config;
                }
                if (cause instanceof ActionTypeTakenException taken) {
                    return new ConfigException(taken.getMessage());
                }
            }
        }
        return wiring;
    }

    /** The retention sweep when AI_ARTIFACT_RETENTION_DAYS sets a period, else null. */
    private static ArtifactRetentionSweeper startRetention(AppConfig config, Injector injector) {
        return config.artifacts().retention()
                .map(period -> ArtifactRetentionSweeper.start(new ArtifactRetention(
                        injector.getInstance(ArtifactRepository.class), injector.getInstance(ArtifactStore.class),
                        period, Clock.systemUTC(), RETENTION_BATCH), ArtifactRetentionSweeper.FIRST_AFTER,
                        ArtifactRetentionSweeper.EVERY))
                .orElse(null);
    }

    /** Stops the retention sweep. */
    void stopBackgroundWork() {
        if (retention != null) {
            retention.close();
        }
    }

    /**
     * Stops the background work, the providers' processes, tracing and the database, then closes the extensions'
     * class loader.
     */
    void close() {
        stopBackgroundWork();
        ProviderShutdown.closeAll(injector, LOG);
        tracing.close();
        database.close();
        extensionsFolder.close();
    }
}
