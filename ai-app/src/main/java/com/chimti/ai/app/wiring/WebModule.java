package com.chimti.ai.app.wiring;

import com.chimti.ai.adapter.in.web.AiWebServer;
import com.chimti.ai.adapter.in.web.WebSettings;
import com.chimti.ai.adapter.in.web.auth.AuthThrottleSettings;
import com.chimti.ai.adapter.in.web.auth.CallerAuthenticator;
import com.chimti.ai.adapter.in.web.auth.JwtCallerAuthenticator;
import com.chimti.ai.adapter.in.web.auth.JwtSettings;
import com.chimti.ai.adapter.in.web.front.FrontSettings;
import com.chimti.ai.adapter.in.web.routes.ReadinessCheck;
import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.app.ConfigException;
import com.chimti.ai.app.metrics.MetricsRoutes;
import com.chimti.ai.app.metrics.ServerMetrics;
import com.chimti.ai.app.tracing.TracingRequestObserver;
import com.chimti.ai.core.port.in.AdministerBilling;
import com.chimti.ai.core.port.in.AskOnce;
import com.chimti.ai.core.port.in.Converse;
import com.chimti.ai.core.port.in.EraseUserData;
import com.chimti.ai.core.port.in.ManageAccount;
import com.chimti.ai.core.port.in.ManageActions;
import com.chimti.ai.core.port.in.ManageArtifacts;
import com.chimti.ai.core.port.in.ManageChats;
import com.chimti.ai.core.port.in.ManageModels;
import com.chimti.ai.core.port.in.ManageWallet;
import com.chimti.ai.core.port.in.ReadAudit;
import com.chimti.ai.core.port.in.ReadUsage;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.TurnEventLog;
import com.chimti.ai.core.service.provider.Providers;
import com.chimti.ai.core.service.stream.StreamSettings;
import com.chimti.ai.core.service.stream.TurnStreamService;
import com.chimti.ai.core.service.turn.RunningTurns;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.opentelemetry.api.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The HTTP edge; it is started by the app once the injector is built. */
public final class WebModule extends AbstractModule {

    @Provides
    @Singleton
    CallerAuthenticator authenticator(AppConfig config, ServerSecrets secrets) {
        AppConfig.Auth auth = config.auth();
        return new JwtCallerAuthenticator(new JwtSettings(secrets.jwtSecret(),
                auth.jwksUrl() == null ? null : auth.jwksUrl().toString(), auth.issuer(), auth.audience(),
                auth.keyId()));
    }

    @Provides
    @Singleton
    AiWebServer webServer(AppConfig config, ManageChats chats, Converse converse, ManageAccount account,
                          ManageModels models, AskOnce askOnce, ReadUsage usage, ManageWallet wallet,
                          AdministerBilling adminBilling,
                          ManageActions actions, ManageArtifacts artifacts, ReadAudit audit, EraseUserData erasure,
                          CallerAuthenticator authenticator,
                          Database database, Providers providers, ServerMetrics metrics,
                          MetricsRoutes metricsRoutes, RunningTurns runningTurns, Tracer tracer,
                          TurnEventLog turnEventLog) {
        StreamSettings streamSettings = StreamSettings.defaults().withHeartbeat(config.streams().heartbeat())
                .withDisconnectGrace(config.streams().disconnectGrace());
        return AiWebServer.builder()
                .chats(chats)
                .converse(converse)
                // the core streams turns and one-shot calls on the server's threads; other instances resume them
                // through the shared event log
                .streams((turns, timers) -> new TurnStreamService(converse, askOnce, chats, turnEventLog,
                        streamSettings, turns, timers))
                .account(account)
                .models(models)
                .askOnce(askOnce)
                .usage(usage)
                .wallet(wallet)
                .adminBilling(adminBilling)
                .actions(actions)
                .artifacts(artifacts)
                .audit(audit)
                .erasure(erasure)
                .streamingEnabled(config.oneShot().streamEnabled())
                .authenticator(authenticator)
                .readinessChecks(readinessChecks(database, providers))
                .readinessCheck("draining", () -> runningTurns.isDraining()
                        ? Optional.of("the server is shutting down") : Optional.empty())
                .settings(new WebSettings(config.httpHost(), config.httpPort(), config.maxBodyBytes(),
                        config.httpAcceptQueue()))
                .authThrottle(AuthThrottleSettings.perMinute(config.limits().authFailuresPerMinute()))
                .front(frontSettings(config))
                .routes(metricsRoutes)
                .requestObserver(metrics.httpRequests())
                .requestObserver(new TracingRequestObserver(tracer))
                .build();
    }

    /**
     * The console and CORS settings as the web edge takes them; its rule for an exact origin is the one check, and
     * a bad AI_HTTP_CORS_ORIGINS stops the start naming the variable ({@code AiServer.start} asks first).
     */
    public static FrontSettings frontSettings(AppConfig config) {
        try {
            return new FrontSettings(config.front().consoleEnabled(), config.front().corsOrigins());
        } catch (IllegalArgumentException bad) {
            throw new ConfigException("AI_HTTP_CORS_ORIGINS must list exact origins as browsers send them, "
                    + "scheme://host[:port] without a path, a trailing slash or the scheme's default port");
        }
    }

    private static List<ReadinessCheck> readinessChecks(Database database, Providers providers) {
        List<ReadinessCheck> checks = new ArrayList<>();
        checks.add(new ReadinessCheck("database",
                () -> database.isReachable() ? Optional.empty() : Optional.of("database is not reachable")));
        for (AiProvider provider : providers.all()) {
            checks.add(new ReadinessCheck("provider:" + provider.id(),
                    () -> Optional.ofNullable(provider.readiness().problem()),
                    () -> Optional.ofNullable(provider.readiness().warning())));
        }
        return checks;
    }
}
