package com.chimti.ai.core.domain.chat;

import com.chimti.ai.core.domain.ControlCharacters;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;
import java.util.Objects;

/** A persisted conversation, owned by one user within one client, optionally tied to a brand and location. */
public record AiChat(
        ChatId id,
        UserId userId,
        ClientId clientId,
        BrandId brandId,
        LocationId locationId,
        String title,
        ProviderId provider,
        String model,
        Instant createdAt,
        Instant updatedAt) {

    public static final int MAX_TITLE_LENGTH = 200;
    public static final String DEFAULT_TITLE = "New chat";

    public AiChat {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        title = checkTitle(title);
        if (locationId != null && brandId == null) {
            throw new ValidationException("a chat with a location needs a brand");
        }
    }

    /** The title stripped (of spaces and control characters), non-blank and short enough. */
    public static String checkTitle(String title) {
        title = ControlCharacters.strip(title);
        if (title == null || title.isBlank()) {
            throw new ValidationException("title must not be blank");
        }
        String trimmed = title.strip();
        if (trimmed.length() > MAX_TITLE_LENGTH) {
            throw new ValidationException("title must be at most " + MAX_TITLE_LENGTH + " characters");
        }
        return trimmed;
    }

    public boolean isOwnedBy(Caller caller) {
        return userId.equals(caller.userId()) && clientId.equals(caller.clientId());
    }

    public AiChat withTitle(String newTitle, Instant now) {
        return new AiChat(id, userId, clientId, brandId, locationId, newTitle, provider, model, createdAt, now);
    }

    public AiChat touchedAt(Instant now) {
        return new AiChat(id, userId, clientId, brandId, locationId, title, provider, model, createdAt, now);
    }
}
