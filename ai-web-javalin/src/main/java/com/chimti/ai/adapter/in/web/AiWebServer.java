package com.chimti.ai.adapter.in.web;

import com.chimti.ai.adapter.in.web.auth.AuthFailureThrottle;
import com.chimti.ai.adapter.in.web.auth.AuthThrottleSettings;
import com.chimti.ai.adapter.in.web.auth.Authentication;
import com.chimti.ai.adapter.in.web.auth.CallerAuthenticator;
import com.chimti.ai.adapter.in.web.front.FrontDoor;
import com.chimti.ai.adapter.in.web.front.FrontSettings;
import com.chimti.ai.adapter.in.web.http.BodyLimit;
import com.chimti.ai.adapter.in.web.http.QueryStrings;
import com.chimti.ai.adapter.in.web.http.RequestIds;
import com.chimti.ai.adapter.in.web.http.ResponseHeaders;
import com.chimti.ai.adapter.in.web.http.WebJson;
import com.chimti.ai.adapter.in.web.problem.ErrorMapper;
import com.chimti.ai.adapter.in.web.problem.JettyProblemErrorHandler;
import com.chimti.ai.adapter.in.web.routes.AccountRoutes;
import com.chimti.ai.adapter.in.web.routes.AdminBillingRoutes;
import com.chimti.ai.adapter.in.web.routes.ActionRoutes;
import com.chimti.ai.adapter.in.web.routes.ArtifactRoutes;
import com.chimti.ai.adapter.in.web.routes.AuditRoutes;
import com.chimti.ai.adapter.in.web.routes.ChatRoutes;
import com.chimti.ai.adapter.in.web.routes.ErasureRoutes;
import com.chimti.ai.adapter.in.web.routes.HealthRoutes;
import com.chimti.ai.adapter.in.web.routes.MessageRoutes;
import com.chimti.ai.adapter.in.web.routes.ModelRoutes;
import com.chimti.ai.adapter.in.web.routes.OneShotRoutes;
import com.chimti.ai.adapter.in.web.routes.ReadinessCheck;
import com.chimti.ai.adapter.in.web.routes.UsageRoutes;
import com.chimti.ai.adapter.in.web.routes.WalletRoutes;
import com.chimti.ai.adapter.in.web.sse.ActiveStreams;
import com.chimti.ai.core.domain.tenancy.Caller;
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
import com.chimti.ai.core.port.in.StreamTurns;
import io.javalin.Javalin;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP edge of the AI layer on Javalin: REST and SSE routes over the core use cases, JWT authentication,
 * problem+json errors, a request body cap and request ids. Build with {@link #builder()}; the app module wires it.
 */
public final class AiWebServer {
    private final Builder parts;
    private final ActiveStreams activeStreams = new ActiveStreams();
    private Javalin app;
    private ScheduledThreadPoolExecutor timers;
    private ExecutorService turns;

    private AiWebServer(Builder parts) {
        this.parts = parts;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the core's streaming use case on the server's threads, once, at start: {@code turns} for streamed turns
     * and other long waits (unbounded, never queueing), {@code timers} for keep-alives and grace timers. Their tasks
     * carry the log context (request id) of the thread that handed them over, and {@code turns} tasks the request
     * observers' context (tracing) too. The server stops both when it stops.
     */
    @FunctionalInterface
    public interface Streaming {
        StreamTurns start(Executor turns, ScheduledExecutorService timers);
    }

    /** Starts listening and returns the bound port (a free one when the settings say 0). */
    public synchronized int start() {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        // the one place a request's context reaches the threads the core streams on: both pools run tasks with the
        // scheduling thread's MDC (so what they log carries its request id), and turns carry the observers' context
        timers = RequestLogContext.carryingScheduledPool(1, daemonThreads("ai-web-sse-timer"));
        timers.setRemoveOnCancelPolicy(true); // a cancelled heartbeat or grace timer must not linger in the queue
        turns = RequestLogContext.carrying(Executors.newCachedThreadPool(daemonThreads("ai-web-turn")));
        RequestObservations observations = new RequestObservations(parts.requestObservers);
        try {
            StreamTurns streams = Objects.requireNonNull(
                    parts.streaming.start(task -> turns.execute(observations.propagate(task)), timers), "streams");
            app = Javalin.create(config -> configure(config, observations, streams))
                    .start(parts.settings.host(), parts.settings.port());
        } catch (RuntimeException failed) {
            timers.shutdownNow();
            turns.shutdownNow();
            app = null;
            throw failed;
        }
        return app.port();
    }

    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
            timers.shutdownNow();
            turns.shutdownNow(); // interrupts turns still running
        }
    }

    /** SSE connections being served right now (chat turns, resumed streams, one-shot streams); for metrics. */
    public int activeStreams() {
        return activeStreams.count();
    }

    /**
     * Waits until every SSE connection ended, at most {@code timeout}: on shutdown, after the last turn ended,
     * so each stream has written its final event before {@link #stop()} closes the connections. True when none
     * is left.
     */
    public boolean awaitStreamsClosed(java.time.Duration timeout) throws InterruptedException {
        return activeStreams.awaitNone(timeout);
    }

    /** Heartbeat and disconnect-grace timers still scheduled (package-private: leak checks in tests). */
    synchronized int pendingTimers() {
        return timers == null ? 0 : timers.getQueue().size();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The bound port while running. */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("not started");
        }
        return app.port();
    }

    /** The listener's accept queue (backlog) as configured on its connector, while running. */
    public synchronized int acceptQueueSize() {
        if (app == null) {
            throw new IllegalStateException("not started");
        }
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getAcceptQueueSize();
    }

    /** The authenticated caller of a request, for handlers added with {@link Builder#routes}. */
    public static Caller callerOf(Context ctx) {
        return Authentication.caller(ctx);
    }

    private void configure(JavalinConfig config, RequestObservations observations, StreamTurns streams) {
        WebSettings settings = parts.settings;
        config.startup.showJavalinBanner = false;
        // Javalin's own limit matches ours, so no code path accepts a body we would refuse
        config.http.maxRequestSize = settings.maxBodyBytes();
        config.jsonMapper(new JavalinJackson(WebJson.MAPPER, false));
        config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemErrorHandler()));
        // our own listener instead of Javalin's default one, for its accept queue (Java's default backlog is 50)
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(settings.host());
            connector.setPort(settings.port());
            connector.setAcceptQueueSize(settings.acceptQueue());
            return connector;
        });
        config.jetty.modifyServletContextHandler(handler -> {
            handler.setMaxFormContentSize((int) Math.min(Integer.MAX_VALUE, settings.maxBodyBytes()));
            handler.setErrorHandler(new JettyProblemErrorHandler());
        });

        BodyLimit bodyLimit = new BodyLimit(settings.maxBodyBytes());
        Authentication authentication = new Authentication(parts.authenticator,
                new AuthFailureThrottle(parts.authThrottle));
        // order matters: request id first (every answer carries it, every log line too), then the body cap,
        // then the token
        FrontDoor front = new FrontDoor(parts.front);
        config.routes.before(RequestIds::assign);
        config.routes.before(ResponseHeaders::apply);
        config.routes.before(RequestLogContext::open);
        config.routes.before(observations::begin);
        config.routes.before(front::applyCors); // a preflight carries no token: answered here, before the checks
        config.routes.before(bodyLimit::enforce);
        config.routes.before(ctx -> {
            if (!front.isPublic(ctx.path())) {
                authentication.require(ctx);
            }
        });
        config.routes.before(QueryStrings::enforce); // after the token: a stranger learns nothing from a 400
        config.routes.exception(HttpResponseException.class, ErrorMapper::handle);
        config.routes.exception(Exception.class, ErrorMapper::handle);
        config.routes.after(observations::end);
        config.routes.after(RequestLogContext::close);

        config.routes.apiBuilder(new HealthRoutes(parts.readinessChecks).endpoints());
        config.routes.apiBuilder(new ChatRoutes(parts.chats).endpoints());
        config.routes.apiBuilder(new MessageRoutes(parts.converse, streams, activeStreams).endpoints());
        config.routes.apiBuilder(new AccountRoutes(parts.account).endpoints());
        config.routes.apiBuilder(new ModelRoutes(parts.models).endpoints());
        if (parts.askOnce != null) {
            config.routes.apiBuilder(new OneShotRoutes(parts.askOnce, parts.streamingEnabled, streams, activeStreams)
                    .endpoints());
        }
        if (parts.usage != null) {
            config.routes.apiBuilder(new UsageRoutes(parts.usage).endpoints());
        }
        if (parts.wallet != null) {
            config.routes.apiBuilder(new WalletRoutes(parts.wallet).endpoints());
        }
        if (parts.adminBilling != null) {
            config.routes.apiBuilder(new AdminBillingRoutes(parts.adminBilling).endpoints());
        }
        if (parts.actions != null) {
            config.routes.apiBuilder(new ActionRoutes(parts.actions).endpoints());
        }
        if (parts.artifacts != null) {
            config.routes.apiBuilder(new ArtifactRoutes(parts.artifacts).endpoints());
        }
        if (parts.audit != null) {
            config.routes.apiBuilder(new AuditRoutes(parts.audit).endpoints());
        }
        if (parts.erasure != null) {
            config.routes.apiBuilder(new ErasureRoutes(parts.erasure).endpoints());
        }
        config.routes.apiBuilder(front.endpoints());
        parts.extraRoutes.forEach(config.routes::apiBuilder);
    }

    /**
     * The routes being served, as {@code "METHOD /path/{param}"} (the OpenAPI document must list exactly these),
     * while running.
     */
    public synchronized List<String> routes() {
        if (app == null) {
            throw new IllegalStateException("not started");
        }
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(route -> route.endpoint.method.isHttpMethod())
                .map(route -> route.endpoint.method.name() + " " + route.endpoint.path)
                .toList();
    }

    public static final class Builder {
        private ManageChats chats;
        private Converse converse;
        private ManageAccount account;
        private ManageModels models;
        private AskOnce askOnce;
        private ReadUsage usage;
        private ReadAudit audit;
        private ManageWallet wallet;
        private AdministerBilling adminBilling;
        private ManageActions actions;
        private ManageArtifacts artifacts;
        private EraseUserData erasure;
        private boolean streamingEnabled = true;
        private CallerAuthenticator authenticator;
        private final List<ReadinessCheck> readinessChecks = new ArrayList<>();
        private final List<EndpointGroup> extraRoutes = new ArrayList<>();
        private final List<RequestObserver> requestObservers = new ArrayList<>();
        private WebSettings settings = WebSettings.defaults();
        private AuthThrottleSettings authThrottle = AuthThrottleSettings.defaults();
        private Streaming streaming;
        private FrontSettings front = FrontSettings.defaults();

        private Builder() {
        }

        public Builder chats(ManageChats value) {
            this.chats = value;
            return this;
        }

        public Builder converse(Converse value) {
            this.converse = value;
            return this;
        }

        /**
         * The streaming use case on the server's threads (required), e.g.
         * {@code (turns, timers) -> new TurnStreamService(converse, askOnce, chats, turnEventLog, settings, turns,
         * timers)}: streamed chat turns and their resume, streamed one-shot calls.
         */
        public Builder streams(Streaming value) {
            this.streaming = Objects.requireNonNull(value, "streams");
            return this;
        }

        public Builder account(ManageAccount value) {
            this.account = value;
            return this;
        }

        public Builder models(ManageModels value) {
            this.models = value;
            return this;
        }

        /**
         * The one-shot use case; when set, {@code POST /chat}, {@code POST /v1/ai/chat} and
         * {@code GET /v1/ai/skills} are served (optional: without it those paths are 404).
         */
        public Builder askOnce(AskOnce value) {
            this.askOnce = Objects.requireNonNull(value, "askOnce");
            return this;
        }

        /** The usage log; when set, {@code GET /v1/ai/usage} is served (optional: without it that path is 404). */
        public Builder usage(ReadUsage value) {
            this.usage = Objects.requireNonNull(value, "usage");
            return this;
        }

        /**
         * Prepaid wallets; when set, {@code GET /v1/ai/wallet} and {@code POST /v1/ai/wallet/credits} are served
         * (optional: without it those paths are 404).
         */
        public Builder wallet(ManageWallet value) {
            this.wallet = Objects.requireNonNull(value, "wallet");
            return this;
        }

        /**
         * The admin views of usage and money; when set, {@code GET /v1/ai/admin/usage},
         * {@code GET /v1/ai/admin/wallet/ledger} and {@code GET /v1/ai/admin/wallet/holds} are served (optional:
         * without it those paths are 404).
         */
        public Builder adminBilling(AdministerBilling value) {
            this.adminBilling = Objects.requireNonNull(value, "adminBilling");
            return this;
        }

        /**
         * AI actions; when set, {@code GET /v1/ai/actions}, {@code GET /v1/ai/actions/{actionId}} and
         * {@code POST /v1/ai/actions/{actionId}/confirm|reject} are served (optional: without it those paths are
         * 404).
         */
        public Builder actions(ManageActions value) {
            this.actions = Objects.requireNonNull(value, "actions");
            return this;
        }

        /**
         * Files actions wrote; when set, {@code GET /v1/ai/artifacts}, {@code GET|DELETE
         * /v1/ai/artifacts/{artifactId}} and {@code GET /v1/ai/artifacts/{artifactId}/content} are served (optional: without it those paths are
         * 404).
         */
        public Builder artifacts(ManageArtifacts value) {
            this.artifacts = Objects.requireNonNull(value, "artifacts");
            return this;
        }

        /**
         * The audit trail; when set, {@code GET /v1/ai/admin/audit} is served (optional: without it that path is
         * 404).
         */
        public Builder audit(ReadAudit value) {
            this.audit = Objects.requireNonNull(value, "audit");
            return this;
        }

        /**
         * Offboarding; when set, {@code DELETE /v1/ai/admin/clients/{clientId}/users/{userId}} is served (optional:
         * without it that path is 404).
         */
        public Builder erasure(EraseUserData value) {
            this.erasure = Objects.requireNonNull(value, "erasure");
            return this;
        }

        /**
         * Whether {@code POST /chat} answers {@code Accept: text/event-stream} with SSE ({@code STREAM_ENABLED} in
         * the app); default true. When false it always answers JSON.
         */
        public Builder streamingEnabled(boolean value) {
            this.streamingEnabled = value;
            return this;
        }

        public Builder authenticator(CallerAuthenticator value) {
            this.authenticator = value;
            return this;
        }

        public Builder readinessCheck(String name, Supplier<Optional<String>> probe) {
            return readinessCheck(new ReadinessCheck(name, probe));
        }

        public Builder readinessCheck(ReadinessCheck check) {
            this.readinessChecks.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        public Builder readinessChecks(List<ReadinessCheck> checks) {
            checks.forEach(this::readinessCheck);
            return this;
        }

        /**
         * More routes from the host app (one-shot endpoints, {@code /metrics}...), declared with
         * {@link io.javalin.apibuilder.ApiBuilder}. They pass the same request-id, body-cap, token and error
         * handling; only {@code /healthz}, {@code /readyz}, {@code /metrics} and what {@link #front} serves are
         * reachable without a token.
         */
        public Builder routes(EndpointGroup group) {
            this.extraRoutes.add(Objects.requireNonNull(group, "group"));
            return this;
        }

        /**
         * Sees every request begin and end (method, route template, status, request id), e.g. for request
         * metrics or tracing in the host app; optional, any number, ended in reverse order.
         */
        public Builder requestObserver(RequestObserver observer) {
            this.requestObservers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        public Builder settings(WebSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * How repeated authentication failures from one client address are slowed down; default
         * {@link AuthThrottleSettings#defaults()} (more than 20 refused tokens a minute block the address for a
         * minute). Kept per server instance.
         */
        public Builder authThrottle(AuthThrottleSettings value) {
            this.authThrottle = Objects.requireNonNull(value, "authThrottle");
            return this;
        }

        /**
         * What browsers get besides the API: the reference console at {@code /console} and the origins allowed to
         * call cross-origin; default {@link FrontSettings#defaults()} (no console, no CORS). The OpenAPI document
         * at {@code /v1/ai/openapi.json} is always served.
         */
        public Builder front(FrontSettings value) {
            this.front = Objects.requireNonNull(value, "front");
            return this;
        }

        public AiWebServer build() {
            Objects.requireNonNull(chats, "chats");
            Objects.requireNonNull(converse, "converse");
            Objects.requireNonNull(streaming, "streams");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(models, "models");
            Objects.requireNonNull(authenticator, "authenticator");
            return new AiWebServer(this);
        }
    }
}
