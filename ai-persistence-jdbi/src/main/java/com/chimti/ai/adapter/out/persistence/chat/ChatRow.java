package com.chimti.ai.adapter.out.persistence.chat;

import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One ai_chats row. */
record ChatRow(String id, String userId, String clientId, String brandId, String locationId, String title,
               String provider, String model, Instant createdAt, Instant updatedAt) {

    static ChatRow of(AiChat chat) {
        return new ChatRow(chat.id().value(), chat.userId().value(), chat.clientId().value(),
                chat.brandId() == null ? null : chat.brandId().value(),
                chat.locationId() == null ? null : chat.locationId().value(),
                chat.title(), chat.provider().value(), chat.model(),
                Times.micros(chat.createdAt()), Times.micros(chat.updatedAt()));
    }

    AiChat toDomain() {
        return new AiChat(new ChatId(id), new UserId(userId), new ClientId(clientId),
                brandId == null ? null : new BrandId(brandId),
                locationId == null ? null : new LocationId(locationId),
                title, new ProviderId(provider), model, createdAt, updatedAt);
    }

    /** Reads the current row by column name, without reflection (listing chats is the hottest query). */
    static ChatRow read(ResultSet rs) throws SQLException {
        return new ChatRow(rs.getString("id"), rs.getString("user_id"), rs.getString("client_id"),
                rs.getString("brand_id"), rs.getString("location_id"), rs.getString("title"),
                rs.getString("provider"), rs.getString("model"), Times.instant(rs, "created_at"),
                Times.instant(rs, "updated_at"));
    }
}
