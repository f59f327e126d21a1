package com.chimti.ai.adapter.out.persistence.chat;

import com.chimti.ai.adapter.out.persistence.sql.Json;
import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.chat.MessageId;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.provider.ProviderId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** One ai_messages row; {@code metadata} is the jsonb text. */
record MessageRow(String id, String chatId, String role, String content, String provider, String model,
                  String metadata, Instant createdAt) {

    static MessageRow of(AiMessage message) {
        return new MessageRow(message.id().value(), message.chatId().value(), message.role().wireName(),
                message.content(), message.provider() == null ? null : message.provider().value(),
                message.model(), Json.write(message.metadata()), Times.micros(message.createdAt()));
    }

    AiMessage toDomain() {
        return new AiMessage(new MessageId(id), new ChatId(chatId), MessageRole.fromWireName(role), content,
                provider == null ? null : new ProviderId(provider), model, Json.read(metadata), createdAt);
    }

    /** Reads the current row by column name, without reflection (message listing is a hot query). */
    static MessageRow read(ResultSet rs) throws SQLException {
        return new MessageRow(rs.getString("id"), rs.getString("chat_id"), rs.getString("role"),
                rs.getString("content"), rs.getString("provider"), rs.getString("model"),
                rs.getString("metadata"), Times.instant(rs, "created_at"));
    }

    /** For the SQL Object reads of {@link MessageDao}. */
    public static final class Mapper implements RowMapper<MessageRow> {
        @Override
        public MessageRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return read(rs);
        }
    }
}
