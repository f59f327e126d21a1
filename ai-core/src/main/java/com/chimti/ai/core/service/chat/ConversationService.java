package com.chimti.ai.core.service.chat;

import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.billing.TurnSettlement;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.CappedText;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.chat.MessageId;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.context.AiContext;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.redaction.Redaction;
import com.chimti.ai.core.domain.redaction.SecretRedactor;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.turn.CancellationSignal;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.in.Converse;
import com.chimti.ai.core.port.in.ListMessagesQuery;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.in.TurnResult;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.ChatRepository;
import com.chimti.ai.core.port.out.ContextBuilder;
import com.chimti.ai.core.port.out.MessageRepository;
import com.chimti.ai.core.port.out.TurnListener;
import com.chimti.ai.core.service.provider.Providers;
import com.chimti.ai.core.service.turn.TurnEnvelope;
import com.chimti.ai.core.service.turn.TurnPlan;
import com.chimti.ai.core.service.turn.TurnSteps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chat turns: the caller's message, checked, redacted and capped, runs as one {@link TurnEnvelope} turn in its
 * chat. What a chat adds to the envelope: the chat's history and scoped context go with the message; the
 * user's message is stored before the provider is called; the model may propose actions ({@link ChatActions});
 * the answer is stored with the turn's settlement.
 */
public final class ConversationService implements Converse {
    static final String USAGE_KIND = "chat";

    private final ChatRepository chats;
    private final MessageRepository messages;
    private final ContextBuilder contextBuilder;
    private final Providers providers;
    private final AiAccessPolicy accessPolicy;
    private final SecretRedactor redactor;
    private final TurnSettings settings;
    private final ChatActions chatActions;
    private final TurnEnvelope envelope;

    /**
     * @param chatActions the action types a turn offers the model (those the caller's roles allow): what it
     *                    proposes is recorded (never run without the user's confirmation, unless the handler
     *                    needs none), streamed as {@code TurnEvents#onAction} and listed in the answer's
     *                    metadata as {@code actionIds}; {@link ChatActions#NONE} offers none
     * @param envelope    admission, billing, settlement and draining of every turn
     */
    public ConversationService(ChatRepository chats, MessageRepository messages, ContextBuilder contextBuilder,
                               Providers providers, AiAccessPolicy accessPolicy, SecretRedactor redactor,
                               TurnSettings settings, ChatActions chatActions, TurnEnvelope envelope) {
        this.chats = Objects.requireNonNull(chats, "chats");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.contextBuilder = Objects.requireNonNull(contextBuilder, "contextBuilder");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.accessPolicy = Objects.requireNonNull(accessPolicy, "accessPolicy");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.chatActions = Objects.requireNonNull(chatActions, "chatActions");
        this.envelope = Objects.requireNonNull(envelope, "envelope");
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
        TurnPlan plan = new TurnPlan(caller, provider, chat.model(), chat.brandId(), chat.id(), USAGE_KIND);
        return envelope.run(plan, new ChatTurn(caller, chat, provider, input, redacted.total(), events));
    }

    /** One chat turn's own steps; what it stored before the call goes into the answer. */
    private final class ChatTurn implements TurnSteps<TurnResult> {
        private final Caller caller;
        private final AiChat chat;
        private final AiProvider provider;
        private final CappedText input;
        private final int redactions;
        private final TurnEvents events;
        private final List<PromptMessage> prompt = new ArrayList<>();
        private AiContext context;
        private AiMessage userMessage;
        private TurnProposals proposals; // null: none offered

        ChatTurn(Caller caller, AiChat chat, AiProvider provider, CappedText input, int redactions,
                 TurnEvents events) {
            this.caller = caller;
            this.chat = chat;
            this.provider = provider;
            this.input = input;
            this.redactions = redactions;
            this.events = events;
        }

        @Override
        public Sent sent() {
            // read once the turn holds the chat, so the latest answer is in the history
            messages.findLatest(chat.id(), settings.historyMessages()).forEach(m -> prompt.add(PromptMessage.of(m)));
            context = contextBuilder.build(caller, chat);
            List<PromptMessage> estimate = new ArrayList<>(prompt);
            estimate.add(new PromptMessage(MessageRole.USER, input.text()));
            return new Sent(estimate, context.text());
        }

        @Override
        public CompletionRequest request(CancellationSignal cancellation, Instant started) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            if (input.truncated()) {
                metadata.put("truncated", true);
                metadata.put("droppedChars", input.droppedChars());
            }
            if (redactions > 0) {
                metadata.put("redactions", redactions);
            }
            userMessage = new AiMessage(MessageId.newId(), chat.id(), MessageRole.USER, input.text(), provider.id(),
                    chat.model(), metadata, started);
            messages.insert(userMessage);
            events.onUserMessage(userMessage);
            prompt.add(PromptMessage.of(userMessage));
            proposals = chatActions.forTurn(caller, chat.id(), events);
            return new CompletionRequest(caller.tenantUser(), chat.brandId(), chat.locationId(), chat.id(), prompt,
                    context, chat.model(), settings.timeout(), cancellation, proposals);
        }

        @Override
        public TurnListener listener() {
            return events;
        }

        @Override
        public AiMessage answer(CompletionResult result, String model, long credits, Instant started,
                                Instant finished) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("outcome", result.outcome().wireName());
            metadata.put("inputTokens", result.usage().inputTokens());
            metadata.put("outputTokens", result.usage().outputTokens());
            metadata.put(TurnSettlement.CREDITS_KEY, credits);
            metadata.put("durationMs", Duration.between(started, finished).toMillis());
            if (proposals != null && !proposals.proposedIds().isEmpty()) {
                metadata.put("actionIds", proposals.proposedIds());
            }
            return new AiMessage(MessageId.newId(), chat.id(), MessageRole.ASSISTANT, result.text(), provider.id(),
                    model, metadata, finished);
        }

        @Override
        public TurnResult result(CompletionResult result, String model, TurnSettlement settled) {
            return new TurnResult(userMessage, settled.answer(), result.usage(), settled.charge(), result.outcome());
        }
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
        return envelope.cancel(chat.id());
    }
}
