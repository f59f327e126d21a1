package com.chimti.ai.adapter.out.persistence.testing;

import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.chat.MessageId;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** Builders with random owners, so tests sharing one database never see each other's rows. */
public final class TestData {
    public static final ProviderId CODEX = new ProviderId("codex");
    /** Nanoseconds on purpose: the adapter must truncate them the same way on every write. */
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");

    private TestData() {
    }

    public static UserId user() {
        return new UserId("user-" + UUID.randomUUID());
    }

    /** A fresh sub in a fresh client. */
    public static TenantUser tenantUser() {
        return new TenantUser(client(), user());
    }

    /** The same sub in another (fresh) client: another user. */
    public static TenantUser sameSubElsewhere(TenantUser user) {
        return new TenantUser(client(), user.userId());
    }

    public static ClientId client() {
        return new ClientId("client-" + UUID.randomUUID());
    }

    public static BrandId brand(String name) {
        return new BrandId(name);
    }

    public static AiChat chat(UserId user, ClientId client, BrandId brand, Instant updatedAt) {
        return new AiChat(ChatId.newId(), user, client, brand, null, "A chat", CODEX, "gpt-5", T0, updatedAt);
    }

    public static AiMessage message(ChatId chat, String content, Instant at) {
        return new AiMessage(MessageId.newId(), chat, MessageRole.USER, content, CODEX, "gpt-5",
                Map.of("inputTokens", 12, "outcome", "completed"), at);
    }

    public static AiAction action(ChatId chat, TenantUser user, Instant at) {
        return new AiAction(ActionId.newId(), chat, user, "create_note", ActionStatus.PROPOSED,
                Map.of("title", "Call the supplier"), Map.of(), at, null);
    }

    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
