package com.chimti.ai.adapter.out.persistence.billing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(UsageRow.class)
@RegisterConstructorMapper(UsageSummaryRow.class)
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

    /** The sums of a set of rows; {@code coalesce} so that no rows add up to zeros, not nulls. */
    String SUMS = "count(*) AS calls, coalesce(sum(input_tokens), 0) AS input_tokens,"
            + " coalesce(sum(output_tokens), 0) AS output_tokens, coalesce(sum(credits), 0) AS credits,"
            + " count(*) FILTER (WHERE outcome = 'completed') AS completed,"
            + " count(*) FILTER (WHERE outcome = 'cancelled') AS cancelled,"
            + " count(*) FILTER (WHERE outcome = 'timed_out') AS timed_out,"
            + " count(*) FILTER (WHERE outcome = 'failed') AS failed";

    /** A null client means every client (served by the (at) index), else the (client_id, at) index serves. */
    String FILTER = " FROM usage_log WHERE (CAST(:clientId AS text) IS NULL OR client_id = :clientId)"
            + " AND (CAST(:brandId AS text) IS NULL OR brand_id = :brandId) AND at >= :from AND at < :to";

    /**
     * Added up per group in the database. {@code brand} and {@code user} are the grouped column or NULL, as
     * {@link JdbiUsageLedger} defines them (fixed texts, never input).
     */
    @SqlQuery("SELECT client_id, <brand> AS brand_id, <user> AS user_id, " + SUMS + FILTER
            + " GROUP BY 1, 2, 3 ORDER BY credits DESC, calls DESC, client_id, brand_id NULLS FIRST, user_id"
            + " LIMIT :limit")
    List<UsageSummaryRow> summarize(@Define("brand") String brandColumn, @Define("user") String userColumn,
                                    @Bind("clientId") String clientId, @Bind("brandId") String brandId,
                                    @Bind("from") Instant from, @Bind("to") Instant to, @Bind("limit") int limit);

    @SqlQuery("SELECT CAST(NULL AS text) AS client_id, CAST(NULL AS text) AS brand_id, CAST(NULL AS text) AS user_id, "
            + SUMS + FILTER)
    UsageSummaryRow total(@Bind("clientId") String clientId, @Bind("brandId") String brandId,
                          @Bind("from") Instant from, @Bind("to") Instant to);
}
