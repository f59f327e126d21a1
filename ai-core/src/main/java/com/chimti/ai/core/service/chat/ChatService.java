package com.chimti.ai.core.service.chat;

import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.redaction.SecretRedactor;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.ListChatsQuery;
import com.chimti.ai.core.port.in.ManageChats;
import com.chimti.ai.core.port.in.RenameChatCommand;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.ChatRepository;
import com.chimti.ai.core.service.provider.ModelChoice;
import com.chimti.ai.core.service.provider.Providers;
import java.time.Clock;
import java.time.Instant;

public final class ChatService implements ManageChats {
    private final ChatRepository chats;
    private final Providers providers;
    private final ModelChoice modelChoice;
    private final AiAccessPolicy accessPolicy;
    private final Clock clock;
    private final SecretRedactor redactor;

    /** With the standard secret redactor for titles. */
    public ChatService(ChatRepository chats, Providers providers, ModelChoice modelChoice,
                       AiAccessPolicy accessPolicy, Clock clock) {
        this(chats, providers, modelChoice, accessPolicy, clock, SecretRedactor.standard());
    }

    /** Titles pass {@code redactor} as message content does: a title is stored and listed like one. */
    public ChatService(ChatRepository chats, Providers providers, ModelChoice modelChoice,
                       AiAccessPolicy accessPolicy, Clock clock, SecretRedactor redactor) {
        this.redactor = java.util.Objects.requireNonNull(redactor, "redactor");
        this.chats = chats;
        this.providers = providers;
        this.modelChoice = modelChoice;
        this.accessPolicy = accessPolicy;
        this.clock = clock;
    }

    @Override
    public AiChat create(CreateChatCommand command) {
        Caller caller = command.caller();
        accessPolicy.requireAccess(caller);
        caller.requireBrand(command.brandId());
        caller.requireLocation(command.locationId());
        AiProvider provider = providers.resolve(null);
        Instant now = clock.instant();
        String title = command.title() == null ? AiChat.DEFAULT_TITLE : redactor.redact(command.title()).text();
        AiChat chat = new AiChat(ChatId.newId(), caller.userId(), caller.clientId(), command.brandId(),
                command.locationId(), title, provider.id(), modelChoice.currentModel(caller.tenantUser(), provider),
                now, now);
        chats.insert(chat);
        return chat;
    }

    @Override
    public Page<AiChat> list(ListChatsQuery query) {
        Caller caller = query.caller();
        accessPolicy.requireAccess(caller);
        caller.requireBrand(query.brandId());
        return chats.findByOwner(caller.userId(), caller.clientId(), query.brandId(), query.page());
    }

    @Override
    public AiChat get(Caller caller, ChatId chatId) {
        accessPolicy.requireAccess(caller);
        return ownedChat(chats, caller, chatId);
    }

    @Override
    public AiChat rename(RenameChatCommand command) {
        AiChat chat = get(command.caller(), command.chatId());
        String title = command.title() == null ? null : redactor.redact(command.title()).text();
        AiChat renamed = chat.withTitle(title, clock.instant());
        if (!chats.update(renamed)) {
            throw new NotFoundException("chat not found");
        }
        return renamed;
    }

    @Override
    public void delete(Caller caller, ChatId chatId) {
        get(caller, chatId);
        if (!chats.delete(chatId)) {
            throw new NotFoundException("chat not found");
        }
    }

    /** The chat, when it is the caller's; otherwise not found, so ids of other users' chats reveal nothing. */
    public static AiChat ownedChat(ChatRepository chats, Caller caller, ChatId chatId) {
        return chats.findById(chatId)
                .filter(chat -> chat.isOwnedBy(caller))
                .orElseThrow(() -> new NotFoundException("chat not found"));
    }
}
