package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.artifact.ArtifactLimits;
import com.chimti.ai.core.domain.billing.CreditPricing;
import com.chimti.ai.core.domain.redaction.SecretRedactor;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.service.account.AccountService;
import com.chimti.ai.core.service.action.ActionRegistry;
import com.chimti.ai.core.service.action.ActionService;
import com.chimti.ai.core.service.action.CreateTaskNoteHandler;
import com.chimti.ai.core.service.action.DraftCustomerMessageHandler;
import com.chimti.ai.core.service.artifact.ArtifactService;
import com.chimti.ai.core.service.billing.Billing;
import com.chimti.ai.core.service.billing.BillingSettings;
import com.chimti.ai.core.service.billing.UsageService;
import com.chimti.ai.core.service.billing.WalletService;
import com.chimti.ai.core.service.chat.ChatActions;
import com.chimti.ai.core.service.chat.ChatService;
import com.chimti.ai.core.service.chat.ConversationService;
import com.chimti.ai.core.service.chat.TurnSettings;
import com.chimti.ai.core.service.context.ClaimsContextSource;
import com.chimti.ai.core.service.context.ScopedContextBuilder;
import com.chimti.ai.core.service.provider.ModelChoice;
import com.chimti.ai.core.service.provider.Providers;
import com.chimti.ai.core.service.turn.AdmissionSettings;
import com.chimti.ai.core.service.turn.RunningTurns;
import com.chimti.ai.core.service.turn.TurnAdmission;
import com.chimti.ai.core.service.turn.TurnEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The core services wired on in-memory adapters and a {@link FakeProvider}, for tests of core and adapters. */
public final class CoreFixture {
    public final InMemoryMessageRepository messages = new InMemoryMessageRepository();
    public final InMemoryChatRepository chats = new InMemoryChatRepository(messages);
    public final InMemorySettingRepository settings = new InMemorySettingRepository();
    public final InMemoryUsageLedger usage = new InMemoryUsageLedger();
    public final FakeProvider provider = new FakeProvider();
    public final Providers providers = new Providers(List.of(provider), List.of(provider), provider.id());
    public final RunningTurns runningTurns = new RunningTurns();
    public final AiAccessPolicy accessPolicy = new AiAccessPolicy();
    public final ModelChoice modelChoice = new ModelChoice(settings);
    public final Clock clock = Clock.systemUTC();
    public final ChatService chatService = new ChatService(chats, providers, modelChoice, accessPolicy, clock);
    public final InMemoryWallets wallets = new InMemoryWallets();
    /** 10 credits per 1k input, 20 per 1k output, 1 per call; reservations assume at most 1,000 output tokens. */
    public final BillingSettings billingSettings = new BillingSettings(CreditPricing.of(10, 20, 1), 1000, 0);
    public final Billing billing = new Billing(wallets, billingSettings);
    /** Where every turn's charge, usage row and answer are written together. */
    public final InMemoryTurnSettlements settlements = new InMemoryTurnSettlements(messages, chats, usage, wallets);
    /** Shared token buckets of every limit; generous defaults so no other test meets them. */
    public final InMemoryRateLimiter rateLimiter = new InMemoryRateLimiter(clock);
    public static final AdmissionSettings GENEROUS_LIMITS =
            new AdmissionSettings(10_000, 10_000, 1_000_000_000L, 1_000_000_000L, 64, 256, Duration.ZERO,
                    Duration.ofSeconds(5));
    public final TurnAdmission admission = new TurnAdmission(rateLimiter, GENEROUS_LIMITS);
    /** Every turn's admission, billing, settlement and draining, on this fixture's adapters. */
    public final TurnEnvelope envelope = envelope(admission);
    public final ConversationService conversationService = conversationService(envelope, ChatActions.NONE);
    /** What the services audit, in memory. */
    public final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    public final WalletService walletService = new WalletService(wallets, accessPolicy, audit, clock);
    public final UsageService usageService = new UsageService(usage, accessPolicy, clock);
    public final AccountService accountService = new AccountService(providers, settings, modelChoice,
            accessPolicy, audit, clock);
    public final InMemoryActionRepository actions = new InMemoryActionRepository();
    public final InMemoryTaskNotes taskNotes = new InMemoryTaskNotes();
    public final InMemoryMessageDrafts messageDrafts = new InMemoryMessageDrafts();
    /** The two shipped handlers: create_task_note and draft_customer_message. */
    public final ActionRegistry actionRegistry = new ActionRegistry(List.of(
            new CreateTaskNoteHandler(taskNotes, clock), new DraftCustomerMessageHandler(messageDrafts, clock)));
    public final ActionService actionService = actionService(actionRegistry);
    public final InMemoryArtifactRepository artifacts = new InMemoryArtifactRepository();
    public final InMemoryArtifactStore artifactStore = new InMemoryArtifactStore();
    /** Artifacts with the default limits (the usual text, JSON, PDF and PNG types; 5 MiB). */
    public final ArtifactService artifactService = new ArtifactService(artifacts, artifactStore, chats, accessPolicy,
            ArtifactLimits.DEFAULTS, audit, clock);

    /** The action use case on this fixture's adapters with another registry (e.g. a counting handler). */
    public ActionService actionService(ActionRegistry registry) {
        return new ActionService(actions, chats, registry, accessPolicy, audit, clock);
    }

    /** The turn envelope on this fixture's adapters with other admission rules (e.g. tight limits). */
    public TurnEnvelope envelope(TurnAdmission turnAdmission) {
        return new TurnEnvelope(runningTurns, turnAdmission, billing, settlements, clock);
    }

    /** The conversation use case whose chat turns offer the model this fixture's actions. */
    public ConversationService conversationServiceWithActions() {
        return conversationService(envelope, ChatActions.of(actionService, actionRegistry));
    }

    /** The conversation use case whose chat turns offer the model {@code registry}'s actions. */
    public ConversationService conversationServiceWithActions(ActionRegistry registry) {
        return conversationService(envelope, ChatActions.of(actionService(registry), registry));
    }

    /** The conversation use case on this fixture's adapters with other admission rules (e.g. tight limits). */
    public ConversationService conversationService(TurnAdmission turnAdmission) {
        return conversationService(envelope(turnAdmission), ChatActions.NONE);
    }

    private ConversationService conversationService(TurnEnvelope turns, ChatActions chatActions) {
        return new ConversationService(chats, messages, new ScopedContextBuilder(new ClaimsContextSource(), 4000),
                providers, accessPolicy, SecretRedactor.standard(), TurnSettings.DEFAULTS, chatActions, turns);
    }
}
