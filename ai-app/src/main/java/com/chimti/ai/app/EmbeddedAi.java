package com.chimti.ai.app;

import com.chimti.ai.app.lifecycle.GracefulShutdown;
import com.chimti.ai.app.wiring.HostExtensions;
import com.chimti.ai.app.wiring.ServerSecrets;
import com.chimti.ai.core.domain.action.ActionHandler;
import com.chimti.ai.core.port.in.AdministerBilling;
import com.chimti.ai.core.port.in.AskOnce;
import com.chimti.ai.core.port.in.Converse;
import com.chimti.ai.core.port.in.EraseUserData;
import com.chimti.ai.core.port.in.ManageAccount;
import com.chimti.ai.core.port.in.ManageActions;
import com.chimti.ai.core.port.in.ManageChats;
import com.chimti.ai.core.port.in.ManageModels;
import com.chimti.ai.core.port.in.ManageWallet;
import com.chimti.ai.core.port.in.ReadAudit;
import com.chimti.ai.core.port.in.ReadUsage;
import com.chimti.ai.core.port.out.AiExtension;
import com.chimti.ai.core.port.out.ContextSource;
import com.chimti.ai.core.service.turn.RunningTurns;
import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AI core with its outgoing adapters (PostgreSQL and the providers the configuration names) for another JVM
 * service that brings its own HTTP edge, or none: the same Guice modules as the standalone server minus the web
 * and metrics-endpoint modules, so nothing here loads Javalin or Jetty. The host authenticates its users itself
 * and hands the use cases a {@link com.chimti.ai.core.domain.tenancy.Caller}.
 *
 * <pre>{@code
 * try (EmbeddedAi ai = EmbeddedAi.builder().config(AppConfig.forEmbedding(env)).environment(env).build()) {
 *     AiChat chat = ai.chats().create(new CreateChatCommand(caller, "Stock", null, null));
 *     TurnResult turn = ai.converse().send(new SendMessageCommand(caller, chat.id(), "Hello"), TurnEvents.NONE);
 * }
 * }</pre>
 * A host adds its own actions and business context with {@link Builder#extension}, {@link Builder#actionHandler}
 * and {@link Builder#contextSource}. See docs/embedding.md. {@link #close()} cancels running turns, stops every CLI
 * process and closes the database.
 */
public final class EmbeddedAi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAi.class);

    private final Assembly assembly;
    private final Injector injector;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedAi(Assembly assembly) {
        this.assembly = assembly;
        this.injector = assembly.injector();
    }

    public static Builder builder() {
        return new Builder();
    }

    public ManageChats chats() {
        return injector.getInstance(ManageChats.class);
    }

    public Converse converse() {
        return injector.getInstance(Converse.class);
    }

    public ManageAccount account() {
        return injector.getInstance(ManageAccount.class);
    }

    public ManageModels models() {
        return injector.getInstance(ManageModels.class);
    }

    public AskOnce askOnce() {
        return injector.getInstance(AskOnce.class);
    }

    public ReadUsage usage() {
        return injector.getInstance(ReadUsage.class);
    }

    public ManageWallet wallet() {
        return injector.getInstance(ManageWallet.class);
    }

    /** The operators' views: usage and spend per client, brand or user, wallet history and open holds. */
    public AdministerBilling adminBilling() {
        return injector.getInstance(AdministerBilling.class);
    }

    public ManageActions actions() {
        return injector.getInstance(ManageActions.class);
    }

    /** The audit trail, as operators read it (platform and brand admins). */
    public ReadAudit audit() {
        return injector.getInstance(ReadAudit.class);
    }

    /** Offboarding: erases a user's AI data within a client (platform admins; superadmins in their client). */
    public EraseUserData erasure() {
        return injector.getInstance(EraseUserData.class);
    }

    /**
     * Refuses new turns, cancels the running ones and waits (up to {@link GracefulShutdown#CANCEL_SETTLE}) for
     * them to settle their credits and usage while the database is still open; then stops the CLI processes,
     * tracing and the database. A second call does nothing.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        RunningTurns turns = injector.getInstance(RunningTurns.class);
        turns.drain();
        turns.cancelAll();
        try {
            if (!turns.awaitIdle(GracefulShutdown.CANCEL_SETTLE)) {
                LOG.warn("cancelled turns did not settle in time; stopping the providers under them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assembly.close();
    }

    /** Builds the core; only {@link #config} is required. */
    public static final class Builder {
        private AppConfig config;
        private Map<String, String> environment = Map.of();
        private MeterRegistry meterRegistry;
        private final List<AiExtension> extensions = new ArrayList<>();
        private final List<ActionHandler> actionHandlers = new ArrayList<>();
        private final List<ContextSource> contextSources = new ArrayList<>();

        private Builder() {
        }

        /** What to build: the database, the providers, limits and prices (see {@link AppConfig#forEmbedding}). */
        public Builder config(AppConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The host's environment; Codex processes see only the variables CODEX_ENV_PASSTHROUGH names. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /** Where the provider meters go (codex_call_duration_ms, ...); a private registry when not set. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /**
         * A host extension: its actions and context sources, and its own tables, migrated after the core's (see
         * {@link AiExtension}). Two extensions with one name fail {@link #build()}.
         */
        public Builder extension(AiExtension extension) {
            extensions.add(Objects.requireNonNull(extension, "extension"));
            return this;
        }

        /**
         * An action the model may propose, beside the built-in ones and with the same rules: offered by role,
         * validated and scope-checked again at confirmation, run at most once. A type that is already taken fails
         * {@link #build()}.
         */
        public Builder actionHandler(ActionHandler handler) {
            actionHandlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Business context for every turn, filtered by the caller's scope and fitted into the budget. */
        public Builder contextSource(ContextSource source) {
            contextSources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /**
         * Opens (or starts) the database, wires the modules, migrates the schema and each extension's tables,
         * and voids stale holds.
         */
        public EmbeddedAi build() {
            Objects.requireNonNull(config, "config");
            MeterRegistry meters = meterRegistry != null ? meterRegistry : new SimpleMeterRegistry();
            // no HTTP edge: no token secret; the profile-hash key as the server resolves it
            String profileKey = config.codex().profileHashSecret() != null ? config.codex().profileHashSecret()
                    : new LocalSecrets(config.dataDir()).getOrCreate(Secrets.PROFILE_HASH_KEY);
            // PRODUCTION builds every singleton now, so a wiring or provider problem fails build(), not a turn
            Assembly assembly = Assembly.build(config, new ServerSecrets(null, profileKey), environment,
                    Stage.PRODUCTION, List.of(new AbstractModule() {
                        @Override
                        protected void configure() {
                            bind(MeterRegistry.class).toInstance(meters);
                        }
                    }), new HostExtensions(extensions, actionHandlers, contextSources));
            return new EmbeddedAi(assembly);
        }
    }
}
