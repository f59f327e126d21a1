package com.chimti.ai.adapter.out.persistence.billing;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * A wallet's history, read from where each kind of line lives: top-ups and settlements in wallet_ledger, holds
 * and voids in wallet_reservation. The wallet is found by its client and brand in the same statement, so every
 * read is bounded by the client the caller was allowed.
 */
@RegisterConstructorMapper(WalletEntryRow.class)
@RegisterConstructorMapper(OpenHoldRow.class)
@RegisterConstructorMapper(WalletHistoryDao.HoldSums.class)
interface WalletHistoryDao {
    String WALLET = "(SELECT wallet_id FROM wallet WHERE client_id = :clientId"
            + " AND coalesce(brand_id, '') = coalesce(CAST(:brandId AS text), ''))";
    record HoldSums(long count, long total) {
    }

    /**
     * Each source's newest {@code limit} rows past the cursor (each served by its index), then the newest of
     * those. A void's id is its reservation's with {@code :void}, unique beside the hold's.
     */
    @SqlQuery("SELECT id, kind, amount, balance_after, reservation_id, reason, at FROM ("
            + "(SELECT l.id, CASE l.kind WHEN 'credit' THEN 'top_up' ELSE 'settlement' END AS kind, l.amount,"
            + " l.balance_after, l.reservation_id, l.reason, l.created_at AS at FROM wallet_ledger l"
            + " WHERE l.wallet_id = " + WALLET + " AND (CAST(:at AS timestamptz) IS NULL"
            + " OR (l.created_at, l.id) < (:at, CAST(:id AS text) COLLATE \"C\"))"
            + " ORDER BY l.created_at DESC, l.id DESC LIMIT :limit)"
            + " UNION ALL (SELECT r.id, 'hold', -r.amount, NULL, r.id, NULL, r.created_at FROM wallet_reservation r"
            + " WHERE r.wallet_id = " + WALLET + " AND (CAST(:at AS timestamptz) IS NULL"
            + " OR (r.created_at, r.id) < (:at, CAST(:id AS text) COLLATE \"C\"))"
            + " ORDER BY r.created_at DESC, r.id DESC LIMIT :limit)"
            + " UNION ALL (SELECT r.id || ':void', 'void', r.amount, NULL, r.id, NULL, r.ended_at"
            + " FROM wallet_reservation r WHERE r.wallet_id = " + WALLET + " AND r.status = 'voided'"
            + " AND (CAST(:at AS timestamptz) IS NULL"
            + " OR (r.ended_at, r.id || ':void') < (:at, CAST(:id AS text) COLLATE \"C\"))"
            + " ORDER BY r.ended_at DESC, r.id DESC LIMIT :limit)"
            + ") entries ORDER BY at DESC, id COLLATE \"C\" DESC LIMIT :limit")
    List<WalletEntryRow> entries(@Bind("clientId") String clientId, @Bind("brandId") String brandId,
                                 @Bind("at") Instant at, @Bind("id") String id, @Bind("limit") int limit);

    @SqlQuery("SELECT id, amount, created_at FROM wallet_reservation WHERE wallet_id = " + WALLET
            + " AND status = 'open' ORDER BY created_at, id LIMIT :limit")
    List<OpenHoldRow> openHolds(@Bind("clientId") String clientId, @Bind("brandId") String brandId,
                                @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) AS count, coalesce(sum(amount), 0) AS total FROM wallet_reservation"
            + " WHERE wallet_id = " + WALLET + " AND status = 'open'")
    HoldSums holdSums(@Bind("clientId") String clientId, @Bind("brandId") String brandId);
}
