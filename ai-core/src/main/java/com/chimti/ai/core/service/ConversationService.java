package com.chimti.ai.core.service;

import com.chimti.ai.core.domain.AiAccessPolicy;
import com.chimti.ai.core.domain.AiChat;
import com.chimti.ai.core.domain.AiContext;
import com.chimti.ai.core.domain.AiMessage;
import com.chimti.ai.core.domain.CancellationSignal;
import com.chimti.ai.core.domain.CappedText;
import com.chimti.ai.core.domain.Caller;
import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.domain.CompletionRequest;
import com.chimti.ai.core.domain.CompletionResult;
import com.chimti.ai.core.domain.MessageId;
import com.chimti.ai.core.domain.MessageRole;
import com.chimti.ai.core.domain.Page;
import com.chimti.ai.core.domain.PromptMessage;
import com.chimti.ai.core.domain.TokenUsage;
import com.chimti.ai.core.domain.TurnOutcome;
import com.chimti.ai.core.domain.TurnSettlement;
import com.chimti.ai.core.domain.UsageEntry;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.redaction.Redaction;
import com.chimti.ai.core.domain.redaction.SecretRedactor;
import com.chimti.ai.core.port.in.Converse;
import com.chimti.ai.core.port.in.ListMessagesQuery;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.in.TurnResult;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.ChatRepository;
import com.chimti.ai.core.port.out.ContextBuilder;
import com.chimti.ai.core.port.out.MessageRepository;
import com.chimti.ai.core.port.out.TurnCapacity;
import com.chimti.ai.core.port.out.TurnSettlements;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class ConversationService implements Converse {
    static final String USAGE_KIND = "chat";

    private final ChatRepository chats;
    private final MessageRepository messages;
    private final TurnSettler settler;
    private final ContextBuilder contextBuilder;
    private final Providers providers;
    private final RunningTurns runningTurns;
    private final AiAccessPolicy accessPolicy;
    private final SecretRedactor redactor;
    private final TurnSettings settings;
    private final Clock clock;
    private final Billing billing;
    private final TurnAdmission admission;
    private final ChatActions chatActions;

    /** With prepaid billing: a turn reserves its maximum cost before the provider is called (see {@link Billing}). */
    public ConversationService(ChatRepository chats, MessageRepository messages, TurnSettlements settlements,
                               ContextBuilder contextBuilder, Providers providers, RunningTurns runningTurns,
                               AiAccessPolicy accessPolicy, SecretRedactor redactor, TurnSettings settings,
                               Clock clock, Billing billing) {
        this(chats, messages, settlements, contextBuilder, providers, runningTurns, accessPolicy, redactor, settings,
                clock, billing, TurnAdmission.unlimited());
    }

    /**
     * With rate limits and concurrency caps: a turn is admitted (or refused with 429) before its maximum cost is
     * held and before anything is stored or sent (see {@link TurnAdmission}).
     */
    public ConversationService(ChatRepository chats, MessageRepository messages, TurnSettlements settlements,
                               ContextBuilder contextBuilder, Providers providers, RunningTurns runningTurns,
                               AiAccessPolicy accessPolicy, SecretRedactor redactor, TurnSettings settings,
                               Clock clock, Billing billing, TurnAdmission admission) {
        this(chats, messages, settlements, contextBuilder, providers, runningTurns, accessPolicy, redactor, settings,
                clock, billing, admission, ChatActions.NONE);
    }

    /**
     * With actions: a chat turn offers the model the action types the caller's roles allow; what it proposes is
     * recorded through {@link ChatActions} (never run without the user's confirmation, unless the handler needs
     * none), streamed as {@code TurnEvents#onAction} and listed in the answer's metadata as {@code actionIds}.
     */
    public ConversationService(ChatRepository chats, MessageRepository messages, TurnSettlements settlements,
                               ContextBuilder contextBuilder, Providers providers, RunningTurns runningTurns,
                               AiAccessPolicy accessPolicy, SecretRedactor redactor, TurnSettings settings,
                               Clock clock, Billing billing, TurnAdmission admission, ChatActions chatActions) {
        this.chatActions = java.util.Objects.requireNonNull(chatActions, "chatActions");
        this.admission = java.util.Objects.requireNonNull(admission, "admission");
        this.billing = java.util.Objects.requireNonNull(billing, "billing");
        this.chats = chats;
        this.messages = messages;
        this.settler = new TurnSettler(settlements, this.billing);
        this.contextBuilder = contextBuilder;
        this.providers = providers;
        this.runningTurns = runningTurns;
        this.accessPolicy = accessPolicy;
        this.redactor = redactor;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public TurnResult send(SendMessageCommand command, TurnEvents events) {
        Caller caller = command.caller();
        accessPolicy.requireAccess(caller);
        AiChat chat = ChatService.ownedChat(chats, caller, command.chatId());
        // the caller's scope may have shrunk since the chat was created
        caller.requireBrand(chat.brandId());
        caller.requireLocation(chat.locationId());
        if (command.content() == null || command.content().isBlank()) {
            throw new ValidationException("content must not be blank");
        }
        // secrets are replaced before the text reaches the database, the provider or anything else; then capped
        Redaction redacted = redactor.redact(command.content());
        CappedText input = CappedText.cap(redacted.text(), settings.maxInputChars());
        AiProvider provider = providers.get(chat.provider());

        CancellationSignal cancellation = runningTurns.begin(chat.id());
        try {
            return runTurn(caller, chat, provider, input, redacted.total(), cancellation, events);
        } finally {
            runningTurns.end(chat.id(), cancellation);
        }
    }

    private TurnResult runTurn(Caller caller, AiChat chat, AiProvider provider, CappedText input, int redactions,
                               CancellationSignal cancellation, TurnEvents events) {
        Instant started = clock.instant();
        List<PromptMessage> prompt = new ArrayList<>();
        messages.findLatest(chat.id(), settings.historyMessages()).forEach(m -> prompt.add(PromptMessage.of(m)));
        AiContext context = contextBuilder.build(caller, chat);

        // admission (429) and then the maximum cost (402) come before anything is stored or sent
        List<PromptMessage> estimate = new ArrayList<>(prompt);
        estimate.add(new PromptMessage(MessageRole.USER, input.text()));
        long estimatedInput = billing.estimateInputTokens(estimate, context.text());
        try (TurnAdmission.Permit permit = admission.admit(caller, chat.brandId(), estimatedInput);
             TurnCapacity capacity = provider.reserveTurn(caller.tenantUser())) {
            return admittedTurn(caller, chat, provider, input, redactions, cancellation, events, started, prompt,
                    context, estimatedInput, permit);
        }
    }

    private TurnResult admittedTurn(Caller caller, AiChat chat, AiProvider provider, CappedText input,
                                    int redactions, CancellationSignal cancellation, TurnEvents events,
                                    Instant started, List<PromptMessage> prompt, AiContext context,
                                    long estimatedInput, TurnAdmission.Permit permit) {
        Billing.Hold hold = billing.hold(caller.clientId(), chat.brandId(), chat.model(), estimatedInput);
        boolean ended = false;
        try {
            Map<String, Object> userMetadata = new LinkedHashMap<>();
            if (input.truncated()) {
                userMetadata.put("truncated", true);
                userMetadata.put("droppedChars", input.droppedChars());
            }
            if (redactions > 0) {
                userMetadata.put("redactions", redactions);
            }
            AiMessage userMessage = new AiMessage(MessageId.newId(), chat.id(), MessageRole.USER, input.text(),
                    provider.id(), chat.model(), userMetadata, started);
            messages.insert(userMessage);
            events.onUserMessage(userMessage);
            prompt.add(PromptMessage.of(userMessage));

            TurnProposals proposals = chatActions.forTurn(caller, chat.id(), events); // null: none offered
            CompletionRequest request = new CompletionRequest(caller.tenantUser(), chat.brandId(), chat.locationId(),
                    chat.id(), prompt, context, chat.model(), settings.timeout(), cancellation, proposals);
            CompletionResult result;
            try {
                result = provider.complete(request, events);
            } catch (RuntimeException failure) {
                // a failed call is charged the base (what it used is unknown), unless the account refused it
                // before any work; the hold ends with the usage row either way
                ended = true;
                try {
                    settler.failed(hold, chat.model(), failure,
                            credits -> usageEntry(caller, chat, chat.model(), TokenUsage.NONE, started,
                                    TurnOutcome.FAILED, credits));
                } catch (RuntimeException unwritten) {
                    failure.addSuppressed(unwritten); // hold voided; the provider's fault stays the answer
                }
                throw failure;
            }

            permit.recordOutput(result.usage().outputTokens());
            String model = result.model() == null ? chat.model() : result.model();
            Instant finished = clock.instant();
            // the answer, its usage row and the charge are written together (see TurnSettler), or none of them
            ended = true;
            TurnSettlement settled = settler.settle(hold, model, result.usage(), credits -> new TurnSettler.Turn(
                    usageEntry(caller, chat, model, result.usage(), started, result.outcome(), credits),
                    answer(chat, provider, model, result, proposals, credits, started, finished)));
            return new TurnResult(userMessage, settled.answer(), result.usage(), settled.charge(),
                    result.outcome());
        } finally {
            if (!ended) {
                billing.release(hold); // never reached the provider's answer: nothing is charged
            }
        }
    }

    private static AiMessage answer(AiChat chat, AiProvider provider, String model, CompletionResult result,
                                    TurnProposals proposals, long credits, Instant started, Instant finished) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("outcome", result.outcome().wireName());
        metadata.put("inputTokens", result.usage().inputTokens());
        metadata.put("outputTokens", result.usage().outputTokens());
        metadata.put(TurnSettlement.CREDITS_KEY, credits);
        metadata.put("durationMs", Duration.between(started, finished).toMillis());
        if (proposals != null && !proposals.proposedIds().isEmpty()) {
            metadata.put("actionIds", proposals.proposedIds());
        }
        return new AiMessage(MessageId.newId(), chat.id(), MessageRole.ASSISTANT, result.text(), provider.id(), model,
                metadata, finished);
    }

    private UsageEntry usageEntry(Caller caller, AiChat chat, String model, TokenUsage tokens, Instant started,
                                  TurnOutcome outcome, long credits) {
        Instant now = clock.instant();
        return new UsageEntry(caller.userId(), caller.clientId(), chat.brandId(), chat.id(), chat.provider(),
                model, USAGE_KIND, tokens, Duration.between(started, now), credits, outcome, now);
    }

    @Override
    public Page<AiMessage> messages(ListMessagesQuery query) {
        accessPolicy.requireAccess(query.caller());
        AiChat chat = ChatService.ownedChat(chats, query.caller(), query.chatId());
        Page<AiMessage> page = messages.findByChat(chat.id(), query.page());
        if (query.page().cursor() == null) {
            // the chat's latest messages: it was just opened, and a message often follows
            providers.find(chat.provider()).ifPresent(p -> p.warmUp(query.caller().tenantUser()));
        }
        return page;
    }

    @Override
    public boolean cancel(Caller caller, ChatId chatId) {
        accessPolicy.requireAccess(caller);
        AiChat chat = ChatService.ownedChat(chats, caller, chatId);
        return runningTurns.cancel(chat.id());
    }
}
