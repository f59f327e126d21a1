package com.chimti.ai.adapter.out.persistence.billing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(UsageRow.class)
interface UsageDao {
    String COLUMNS = "user_id, client_id, brand_id, chat_id, provider, model, kind, input_tokens, output_tokens,"
            + " duration_ms, credits, outcome, at, request_id";

    @SqlUpdate("INSERT INTO usage_log (" + COLUMNS + ") VALUES (:userId, :clientId, :brandId, :chatId, :provider,"
            + " :model, :kind, :inputTokens, :outputTokens, :durationMs, :credits, :outcome, :at, :requestId)")
    void insert(@BindMap Map<String, Object> row);

    /** Served by the (client_id, at) index; the identity id breaks ties so equal instants keep a stable order. */
    @SqlQuery("SELECT " + COLUMNS + " FROM usage_log WHERE client_id = :clientId"
            + " AND (CAST(:brandId AS text) IS NULL OR brand_id = :brandId)"
            + " AND (CAST(:userId AS text) IS NULL OR user_id = :userId)"
            + " AND at >= :from AND at < :to ORDER BY at DESC, id DESC LIMIT :limit")
    List<UsageRow> find(@Bind("clientId") String clientId, @Bind("brandId") String brandId,
                        @Bind("userId") String userId, @Bind("from") Instant from, @Bind("to") Instant to,
                        @Bind("limit") int limit);
}
