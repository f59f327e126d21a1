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
import com.chimti.ai.app.wiring.OpenAiStubModule;
import com.chimti.ai.app.wiring.PersistenceModule;
import com.chimti.ai.app.wiring.ServerSecrets;
import com.chimti.ai.app.wiring.TracingModule;
import com.chimti.ai.core.port.out.ArtifactRepository;
import com.chimti.ai.core.port.out.ArtifactStore;
import com.chimti.ai.core.port.out.Wallets;
import com.chimti.ai.core.service.artifact.ArtifactRetention;
import com.chimti.ai.core.service.turn.RunningTurns;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the standalone server and the embedded core build alike, in order: the database, tracing, the injector
 * over the core, persistence and the configured providers (plus the caller's own modules), then the migrated
 * schema (and the Codex profile folders V9 left to rename), the other instances' cancels served, and the credit
 * holds an earlier crash left open voided. Whatever was opened is closed again if a step fails.
 */
record Assembly(Database database, Tracing tracing, Injector injector, ArtifactRetentionSweeper retention) {
    private static final Logger LOG = LoggerFactory.getLogger(Assembly.class);
    /** Expired artifacts deleted per transaction by a retention sweep. */
    private static final int RETENTION_BATCH = 500;

    /**
     * @param environment what the process was started with; Codex processes see only what CODEX_ENV_PASSTHROUGH
     *                    names of it
     * @param edgeModules the caller's own modules (the HTTP edge and its metrics, or a host's meter registry)
     */
    static Assembly build(AppConfig config, ServerSecrets secrets, Map<String, String> environment, Stage stage,
                          List<Module> edgeModules) {
        // the files first: a bad one fails before anything is opened
        AppModule app = new AppModule(config, secrets, SkillsFile.load(config.oneShot().skillsFile()),
                NamesFile.load(config.contextNamesFile()));
        Database database = Database.open(new DatabaseSettings(config.database().url(), config.database().user(),
                config.database().password(), config.dataDir(), config.database().maxPoolSize()));
        Tracing tracing = null;
        Injector injector = null;
        try {
            tracing = Tracing.start(config.telemetry()); // a no-op unless OTEL_* says so
            List<Module> modules = new ArrayList<>(List.of(app, new TracingModule(tracing), new CoreModule(),
                    new PersistenceModule(database)));
            modules.addAll(edgeModules);
            if (config.providers().contains("codex")) {
                modules.add(new CodexModule(environment));
            }
            if (config.providers().contains("openai-stub")) {
                modules.add(new OpenAiStubModule());
            }
            injector = Guice.createInjector(stage, modules);
            database.migrate();
            // several instances on one database: one profile root and one profile-hash secret, or none starts
            SharedStorageCheck.verify(database, config.codex().profileRoot(), secrets.profileHashKey());
            if (config.providers().contains("codex")) {
                // V9's other half: profile folders of subs with one client move to their (client, sub) name
                LegacyProfileMigration.run(injector.getInstance(LegacyProfileMoves.class),
                        injector.getInstance(CodexProvider.class), Clock.systemUTC());
            }
            // a cancel that reached another instance finds this one's turns
            injector.getInstance(PersistenceModule.IncomingCancels.class)
                    .serve(injector.getInstance(RunningTurns.class)::cancelHere);
            int voided = injector.getInstance(Wallets.class)
                    .voidStale(Instant.now().minus(config.turns().timeout().multipliedBy(2)));
            if (voided > 0) {
                LOG.info("voided {} credit holds left open by an earlier run", voided);
            }
            // AI_ARTIFACT_RETENTION_DAYS: expired artifacts swept in the background (none without it)
            return new Assembly(database, tracing, injector, startRetention(config, injector));
        } catch (RuntimeException failed) {
            if (injector != null) {
                ProviderShutdown.closeAll(injector, LOG);
            }
            if (tracing != null) {
                tracing.close();
            }
            database.close();
            throw failed;
        }
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

    /** Stops the background work, the providers' processes, tracing and the database. */
    void close() {
        stopBackgroundWork();
        ProviderShutdown.closeAll(injector, LOG);
        tracing.close();
        database.close();
    }
}
