package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.util.Optional;

public interface ChatRepository {

    void insert(AiChat chat);

    /** Replaces title, model and updatedAt; returns false when the chat no longer exists. */
    boolean update(AiChat chat);

    Optional<AiChat> findById(ChatId id);

    /** The user's chats in the client, most recently updated first; {@code brandId} null means every brand. */
    Page<AiChat> findByOwner(UserId userId, ClientId clientId, BrandId brandId, PageRequest page);

    /** Deletes the chat with its messages; returns false when it did not exist. */
    boolean delete(ChatId id);
}
