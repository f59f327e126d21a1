package com.chimti.ai.app.wiring;

import com.chimti.ai.app.AppConfig;
import com.chimti.ai.app.lifecycle.GracefulShutdown;
import com.chimti.ai.app.metrics.MeteredAccounts;
import com.chimti.ai.app.metrics.MeteredProvider;
import com.chimti.ai.app.metrics.RateLimitRejections;
import com.chimti.ai.app.tracing.TracedProvider;
import com.chimti.ai.core.domain.action.ArtifactWriter;
import com.chimti.ai.core.domain.artifact.ArtifactLimits;
import com.chimti.ai.core.domain.billing.CreditPricing;
import com.chimti.ai.core.domain.context.BusinessDirectory;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.redaction.SecretRedactor;
import com.chimti.ai.core.domain.skill.SkillCatalog;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
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
import com.chimti.ai.core.port.out.ActionRepository;
import com.chimti.ai.core.port.out.AiAccounts;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.ArtifactRepository;
import com.chimti.ai.core.port.out.ArtifactStore;
import com.chimti.ai.core.port.out.AuditTrail;
import com.chimti.ai.core.port.out.ChatRepository;
import com.chimti.ai.core.port.out.ContextBuilder;
import com.chimti.ai.core.port.out.ContextSource;
import com.chimti.ai.core.port.out.MessageDraftRepository;
import com.chimti.ai.core.port.out.MessageRepository;
import com.chimti.ai.core.port.out.ProfileLocks;
import com.chimti.ai.core.port.out.RateLimiter;
import com.chimti.ai.core.port.out.SettingRepository;
import com.chimti.ai.core.port.out.TaskNoteRepository;
import com.chimti.ai.core.port.out.TurnSettlements;
import com.chimti.ai.core.port.out.TurnsElsewhere;
import com.chimti.ai.core.port.out.UserDataEraser;
import com.chimti.ai.core.port.out.UsageLedger;
import com.chimti.ai.core.port.out.WalletHistory;
import com.chimti.ai.core.port.out.Wallets;
import com.chimti.ai.core.service.account.AccountService;
import com.chimti.ai.core.service.action.ActionRegistry;
import com.chimti.ai.core.service.action.ActionService;
import com.chimti.ai.core.service.action.CreateTaskNoteHandler;
import com.chimti.ai.core.service.action.DraftCustomerMessageHandler;
import com.chimti.ai.core.service.action.ExportSummaryHandler;
import com.chimti.ai.core.service.artifact.ArtifactService;
import com.chimti.ai.core.service.audit.AuditService;
import com.chimti.ai.core.service.billing.AdminBillingService;
import com.chimti.ai.core.service.billing.Billing;
import com.chimti.ai.core.service.billing.BillingSettings;
import com.chimti.ai.core.service.billing.UsageService;
import com.chimti.ai.core.service.billing.WalletService;
import com.chimti.ai.core.service.chat.ChatActions;
import com.chimti.ai.core.service.chat.ChatService;
import com.chimti.ai.core.service.chat.ConversationService;
import com.chimti.ai.core.service.chat.TurnSettings;
import com.chimti.ai.core.service.context.ClaimsContextSource;
import com.chimti.ai.core.service.context.DirectoryContextSource;
import com.chimti.ai.core.service.context.ScopedContextBuilder;
import com.chimti.ai.core.service.erasure.ErasureService;
import com.chimti.ai.core.service.oneshot.OneShotService;
import com.chimti.ai.core.service.oneshot.OneShotSettings;
import com.chimti.ai.core.service.provider.ModelChoice;
import com.chimti.ai.core.service.provider.Providers;
import com.chimti.ai.core.service.turn.AdmissionSettings;
import com.chimti.ai.core.service.turn.RunningTurns;
import com.chimti.ai.core.service.turn.TurnAdmission;
import com.chimti.ai.core.service.turn.TurnEnvelope;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The core's services, built with plain constructors so ai-core never sees an annotation. */
public final class CoreModule extends AbstractModule {

    @Override
    protected void configure() {
        // providers come from their own modules; an empty set is a wiring error caught by Providers
        Multibinder.newSetBinder(binder(), AiProvider.class);
        Multibinder.newSetBinder(binder(), AiAccounts.class);
    }

    /** Ticks in microseconds, PostgreSQL's precision, so what a response shows is what a later read shows. */
    @Provides
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Provides
    @Singleton
    AiAccessPolicy accessPolicy() {
        return new AiAccessPolicy();
    }

    @Provides
    @Singleton
    Providers providers(Set<AiProvider> enabled, Set<AiAccounts> accounts, AppConfig config,
                        MeterRegistry registry, Tracer tracer) {
        // every provider is metered (codex_call_duration_ms, codex_tokens_total, ai_login_outcomes_total...) and
        // its turns traced (a span per call); the sets keep the originals
        return new Providers(enabled.stream().map(p -> {
            String mode = "codex".equals(p.id().value()) ? config.codex().execMode() : null;
            return (AiProvider) new TracedProvider(new MeteredProvider(p, registry, mode), tracer, mode);
        }).toList(),
                accounts.stream().map(a -> (AiAccounts) new MeteredAccounts(a, registry)).toList(),
                new ProviderId(config.defaultProvider()));
    }

    @Provides
    @Singleton
    ModelChoice modelChoice(SettingRepository settings) {
        return new ModelChoice(settings);
    }

    @Provides
    @Singleton
    RunningTurns runningTurns(TurnsElsewhere elsewhere) {
        return new RunningTurns(elsewhere);
    }

    @Provides
    @Singleton
    ContextBuilder contextBuilder(AppConfig config, BusinessDirectory contextNames,
                                  ExtensionModule.HostContributions host) {
        // names (AI_BUSINESS_CONTEXT_NAMES_FILE) label the ids in the caller's token; without them, ids only
        List<ContextSource> sources = new ArrayList<>();
        sources.add(contextNames.isEmpty() ? new ClaimsContextSource() : new DirectoryContextSource(contextNames));
        sources.addAll(host.contextSources()); // the host's records, filtered by scope and budget like the rest
        return new ScopedContextBuilder(sources, config.turns().contextMaxChars());
    }

    @Provides
    @Singleton
    TurnSettings turnSettings(AppConfig config) {
        AppConfig.Turns turns = config.turns();
        return new TurnSettings(turns.historyMessages(), turns.maxInputChars(), turns.timeout());
    }

    @Provides
    @Singleton
    SecretRedactor secretRedactor() {
        return SecretRedactor.standard();
    }

    @Provides
    @Singleton
    OneShotSettings oneShotSettings(AppConfig config) {
        AppConfig.Turns turns = config.turns();
        return new OneShotSettings(turns.maxInputChars(), config.oneShot().maxContextChars(),
                turns.historyMessages(), turns.timeout());
    }

    @Provides
    @Singleton
    Billing billing(Wallets wallets, AppConfig config) {
        AppConfig.Credits credits = config.credits();
        return new Billing(wallets, new BillingSettings(
                CreditPricing.of(credits.per1kInput(), credits.per1kOutput(), credits.basePerCall()),
                credits.maxOutputTokensPerTurn(), credits.inputTokenOverhead()));
    }

    @Provides
    @Singleton
    TurnAdmission turnAdmission(RateLimiter limiter, AppConfig config, MeterRegistry registry,
                                ProfileLocks profileLocks) {
        AppConfig.Limits limits = config.limits();
        return new TurnAdmission(limiter, new AdmissionSettings(limits.userRequestsPerMinute(),
                limits.brandRequestsPerMinute(), limits.userTokensPerDay(), limits.brandTokensPerDay(),
                limits.maxTurnsPerUser(), limits.maxConcurrentTurns(), limits.queueWait(), Duration.ofSeconds(5)),
                profileLocks, new RateLimitRejections(registry)::rejected); // ai_rate_limit_rejections_total
    }

    /**
     * Admission, billing, settlement and draining of every turn, chat or one-shot: registered in RunningTurns,
     * so shutdown refuses new turns and calls and waits for running ones.
     */
    @Provides
    @Singleton
    TurnEnvelope turnEnvelope(RunningTurns runningTurns, TurnAdmission admission, Billing billing,
                              TurnSettlements settlements, Clock clock) {
        return new TurnEnvelope(runningTurns, admission, billing, settlements, clock);
    }

    @Provides
    @Singleton
    AskOnce askOnce(Providers providers, ModelChoice modelChoice, AiAccessPolicy policy, SkillCatalog skills,
                    SecretRedactor redactor, OneShotSettings settings, TurnEnvelope envelope) {
        return new OneShotService(providers, modelChoice, policy, skills, redactor, settings, envelope);
    }

    /**
     * The actions the model may propose: the built-in handlers, then the host's (its extensions'), in one registry,
     * so a host's action is offered, validated, confirmed and run exactly like a built-in one.
     */
    @Provides
    @Singleton
    ActionRegistry actionRegistry(TaskNoteRepository notes, MessageDraftRepository drafts, Clock clock,
                                  ArtifactWriter artifacts, ExtensionModule.HostContributions host) {
        return ActionRegistry.withHostHandlers(List.of(new CreateTaskNoteHandler(notes, clock),
                new DraftCustomerMessageHandler(drafts, clock), new ExportSummaryHandler(artifacts)),
                host.actionHandlers());
    }

    @Provides
    @Singleton
    ArtifactService artifactService(ArtifactRepository artifacts, ArtifactStore store, ChatRepository chats,
                                    AiAccessPolicy policy, AppConfig config, AuditTrail audit, Clock clock) {
        AppConfig.Artifacts settings = config.artifacts();
        return new ArtifactService(artifacts, store, chats, policy,
                new ArtifactLimits(Set.copyOf(settings.mimeTypes()), settings.maxBytes()), audit, clock);
    }

    /**
     * Offboarding: a user's turns stopped (cancelled turns get the shutdown's settle time), every provider's
     * processes and profile, then their rows and files; see ErasureService.
     */
    @Provides
    @Singleton
    EraseUserData eraseUserData(RunningTurns turns, Providers providers, UserDataEraser eraser,
                                ExtensionModule.HostContributions host, ArtifactStore files, AuditTrail audit,
                                Clock clock) {
        return new ErasureService(turns, providers, eraser, host.userData(), files, audit, clock,
                GracefulShutdown.CANCEL_SETTLE);
    }

    @Provides
    ManageArtifacts manageArtifacts(ArtifactService service) {
        return service;
    }

    /** What handlers write files through: the same service, so the same limits and records. */
    @Provides
    ArtifactWriter artifactWriter(ArtifactService service) {
        return service;
    }

    @Provides
    @Singleton
    ManageActions manageActions(ActionRepository actions, ChatRepository chats, ActionRegistry registry,
                                AiAccessPolicy policy, AuditTrail audit, Clock clock) {
        return new ActionService(actions, chats, registry, policy, audit, clock);
    }

    @Provides
    @Singleton
    ReadUsage readUsage(UsageLedger usage, AiAccessPolicy policy, Clock clock) {
        return new UsageService(usage, policy, clock);
    }

    @Provides
    @Singleton
    AdministerBilling administerBilling(UsageLedger usage, WalletHistory history, AiAccessPolicy policy,
                                        Clock clock) {
        return new AdminBillingService(usage, history, policy, clock);
    }

    @Provides
    @Singleton
    ManageWallet manageWallet(Wallets wallets, AiAccessPolicy policy, AuditTrail audit, Clock clock) {
        return new WalletService(wallets, policy, audit, clock);
    }

    @Provides
    @Singleton
    ReadAudit readAudit(AuditTrail audit, Clock clock) {
        return new AuditService(audit, clock);
    }

    @Provides
    @Singleton
    ManageChats manageChats(ChatRepository chats, Providers providers, ModelChoice modelChoice,
                            AiAccessPolicy policy, Clock clock) {
        return new ChatService(chats, providers, modelChoice, policy, clock);
    }

    @Provides
    @Singleton
    Converse converse(ChatRepository chats, MessageRepository messages, ContextBuilder contextBuilder,
                      Providers providers, AiAccessPolicy policy, SecretRedactor redactor, TurnSettings settings,
                      ChatActions chatActions, TurnEnvelope envelope) {
        return new ConversationService(chats, messages, contextBuilder, providers, policy, redactor, settings,
                chatActions, envelope);
    }

    /** Chat turns offer the model the registry's actions its caller may run (proposals only, see ChatActions). */
    @Provides
    @Singleton
    ChatActions chatActions(ManageActions actions, ActionRegistry registry) {
        return ChatActions.of(actions, registry);
    }

    @Provides
    @Singleton
    AccountService accountService(Providers providers, SettingRepository settings, ModelChoice modelChoice,
                                  AiAccessPolicy policy, AuditTrail audit, Clock clock) {
        return new AccountService(providers, settings, modelChoice, policy, audit, clock);
    }

    @Provides
    ManageAccount manageAccount(AccountService service) {
        return service;
    }

    @Provides
    ManageModels manageModels(AccountService service) {
        return service;
    }
}
