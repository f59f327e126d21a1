package com.chimti.ai.app;

import com.chimti.ai.adapter.in.web.AiWebServer;
import com.chimti.ai.adapter.out.codex.CodexProvider;
import com.chimti.ai.adapter.out.persistence.billing.JdbiWallets;
import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.app.lifecycle.GracefulShutdown;
import com.chimti.ai.app.metrics.ServerMetrics;
import com.chimti.ai.app.tracing.Tracing;
import com.chimti.ai.app.wiring.HostExtensions;
import com.chimti.ai.app.wiring.MetricsModule;
import com.chimti.ai.app.wiring.ServerSecrets;
import com.chimti.ai.app.wiring.WebModule;
import com.chimti.ai.core.service.turn.RunningTurns;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone server: opens the database, wires the modules the configuration enables, migrates the
 * schema, then starts HTTP. {@link #close()} undoes it in reverse, leaving no process behind.
 */
public final class AiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AiServer.class);

    private final AppConfig config;
    private final ServerSecrets secrets;
    private final Database database;
    private final Assembly assembly;
    private final Injector injector;
    private final AiWebServer web;
    private final int port;
    private boolean closed;

    private AiServer(AppConfig config, ServerSecrets secrets, Assembly assembly) {
        this.config = config;
        this.secrets = secrets;
        this.assembly = assembly;
        this.database = assembly.database();
        this.injector = assembly.injector();
        this.web = injector.getInstance(AiWebServer.class);
        ServerMetrics metrics = injector.getInstance(ServerMetrics.class);
        metrics.watchStreams(web::activeStreams);
        metrics.watchDatabase(database, injector.getInstance(JdbiWallets.class));
        if (config.providers().contains("codex")) {
            CodexProvider codex = injector.getInstance(CodexProvider.class);
            metrics.watchCodexCli(codex.cliVersion(), codex.cliTested(), codex.confined());
        }
        this.port = web.start();
    }

    /**
     * Starts a server. {@code environment} is what the server was started with; Codex processes see only the
     * variables of it that CODEX_ENV_PASSTHROUGH names.
     */
    public static AiServer start(AppConfig config, Map<String, String> environment) {
        WebModule.frontSettings(config); // the web edge's check of AI_HTTP_CORS_ORIGINS, before anything starts
        ServerSecrets secrets = resolveSecrets(config);
        Assembly assembly = Assembly.build(config, secrets, environment, Stage.DEVELOPMENT,
                List.of(new WebModule(), new MetricsModule()), HostExtensions.NONE); // AI_EXTENSIONS_DIR's are added
        try {
            AiServer server = new AiServer(config, secrets, assembly);
            LOG.info("listening on port {} with providers {} (default {})", server.port, config.providers(),
                    config.defaultProvider());
            return server;
        } catch (RuntimeException failed) {
            assembly.close();
            throw failed;
        }
    }

    private static ServerSecrets resolveSecrets(AppConfig config) {
        LocalSecrets local = new LocalSecrets(config.dataDir());
        String jwtSecret = config.auth().jwtSecret();
        if (jwtSecret == null && config.auth().jwksUrl() == null) {
            jwtSecret = local.getOrCreate(Secrets.DEV_JWT_SECRET);
        }
        String profileKey = config.codex().profileHashSecret() != null ? config.codex().profileHashSecret()
                : local.getOrCreate(Secrets.PROFILE_HASH_KEY);
        return new ServerSecrets(jwtSecret, profileKey);
    }

    public int port() {
        return port;
    }

    /**
     * A wired instance, such as a core use case ({@code ManageActions} to record a model's proposal), for a host
     * that embeds the server and for system tests.
     */
    public <T> T instance(Class<T> type) {
        return injector.getInstance(type);
    }

    /** A token for the development user, when the server verifies HS256 tokens; null otherwise. */
    public String developerToken() {
        if (secrets.jwtSecret() == null) {
            return null;
        }
        return new TokenMinter(secrets.jwtSecret(), config.auth().issuer(), config.auth().audience())
                .mint(TokenMinter.Claims.developer());
    }

    /**
     * Stops gracefully (see {@link GracefulShutdown}): refuses new turns, lets running ones finish within
     * AI_SHUTDOWN_GRACE_SECONDS, cancels and settles the rest, then stops HTTP, the providers' processes and the
     * database. Runs once; later calls return at once.
     */
    @Override
    public void close() {
        shutdown(config.shutdownGrace());
    }

    /** {@link #close()} with another grace period (tests, embedding). */
    public void shutdown(java.time.Duration grace) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        new GracefulShutdown(injector.getInstance(RunningTurns.class), web, this::stopProviders, () -> {
            assembly.stopBackgroundWork();
            injector.getInstance(ServerMetrics.class).close();
            injector.getInstance(Tracing.class).close();
            database.close();
        }).run(grace);
    }

    private void stopProviders() {
        ProviderShutdown.closeAll(injector, LOG);
    }
}
