package com.chimti.ai.adapter.out.persistence.billing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The wallet tables' SQL; every change is one conditional statement so concurrent callers cannot overspend. */
@RegisterConstructorMapper(WalletRow.class)
@RegisterConstructorMapper(WalletDao.Ended.class)
@RegisterConstructorMapper(WalletDao.KeyUse.class)
interface WalletDao {
    String COLUMNS = "wallet_id, client_id, brand_id, balance, reserved";

    /** What an ended reservation held and charged. */
    record Ended(String walletId, long amount, long charged) {
    }

    /** The wallet and the request fingerprint an idempotency key was first used with. */
    record KeyUse(String walletId, String requestHash) {
    }

    /** Served by the unique (client_id, coalesce(brand_id, '')) index. */
    @SqlQuery("SELECT " + COLUMNS + " FROM wallet WHERE client_id = :clientId"
            + " AND coalesce(brand_id, '') = coalesce(CAST(:brandId AS text), '')")
    Optional<WalletRow> find(@Bind("clientId") String clientId, @Bind("brandId") String brandId);

    @SqlQuery("SELECT " + COLUMNS + " FROM wallet WHERE wallet_id = :walletId")
    Optional<WalletRow> findById(@Bind("walletId") String walletId);

    /** The hold: succeeds only while the available credits (balance - reserved) cover the amount. */
    @SqlUpdate("UPDATE wallet SET reserved = reserved + :amount, updated_at = now()"
            + " WHERE wallet_id = :walletId AND balance - reserved >= :amount")
    int hold(@Bind("walletId") String walletId, @Bind("amount") long amount);

    @SqlUpdate("INSERT INTO wallet_reservation (id, wallet_id, amount) VALUES (:id, :walletId, :amount)")
    void insertReservation(@Bind("id") String id, @Bind("walletId") String walletId, @Bind("amount") long amount);

    /** Compare-and-set from 'open': of two concurrent endings only one gets a row back. */
    @SqlQuery("UPDATE wallet_reservation SET status = :status, charged = LEAST(:cost, amount), ended_at = now()"
            + " WHERE id = :id AND status = 'open' RETURNING wallet_id, amount, charged")
    Optional<Ended> end(@Bind("id") String id, @Bind("status") String status, @Bind("cost") long cost);

    /** Ends a hold on the wallet: the charge leaves the balance, the hold leaves reserved; the new balance. */
    @SqlQuery("UPDATE wallet SET balance = balance - :charged, reserved = reserved - :amount, updated_at = now()"
            + " WHERE wallet_id = :walletId RETURNING balance")
    long release(@Bind("walletId") String walletId, @Bind("amount") long amount, @Bind("charged") long charged);

    @SqlUpdate("INSERT INTO wallet_ledger (id, wallet_id, amount, kind, reservation_id, balance_after)"
            + " VALUES (:id, :walletId, :amount, 'charge', :reservationId, :balanceAfter)")
    void insertCharge(@Bind("id") String id, @Bind("walletId") String walletId, @Bind("amount") long amount,
                      @Bind("reservationId") String reservationId, @Bind("balanceAfter") long balanceAfter);

    /** Creates the wallet unless it exists; waits for a concurrent creator instead of failing. */
    @SqlUpdate("INSERT INTO wallet (wallet_id, client_id, brand_id) VALUES (:walletId, :clientId, :brandId)"
            + " ON CONFLICT (client_id, (coalesce(brand_id, ''))) DO NOTHING")
    int ensure(@Bind("walletId") String walletId, @Bind("clientId") String clientId,
               @Bind("brandId") String brandId);

    /** Empty when the key was used before (by a committed transaction: a concurrent one is waited for). */
    @SqlQuery("INSERT INTO wallet_ledger (id, wallet_id, amount, kind, reason, idempotency_key, request_hash)"
            + " VALUES (:id, :walletId, :amount, 'credit', :reason, :key, :hash)"
            + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING id")
    Optional<String> insertCredit(@Bind("id") String id, @Bind("walletId") String walletId,
                                  @Bind("amount") long amount, @Bind("reason") String reason,
                                  @Bind("key") String key, @Bind("hash") String hash);

    @SqlQuery("SELECT wallet_id, request_hash FROM wallet_ledger WHERE idempotency_key = :key")
    Optional<KeyUse> findKey(@Bind("key") String key);

    /** The top-up: the new balance, or empty (nothing changed) when it would pass {@code max}. */
    @SqlQuery("UPDATE wallet SET balance = balance + :amount, updated_at = now()"
            + " WHERE wallet_id = :walletId AND balance <= :max - :amount RETURNING balance")
    Optional<Long> credit(@Bind("walletId") String walletId, @Bind("amount") long amount, @Bind("max") long max);

    /** The balance a credit left, known once the wallet row is updated (after the key's row was claimed). */
    @SqlUpdate("UPDATE wallet_ledger SET balance_after = :balanceAfter WHERE id = :id")
    int recordBalanceAfter(@Bind("id") String id, @Bind("balanceAfter") long balanceAfter);

    @SqlQuery("SELECT id FROM wallet_reservation WHERE status = 'open' AND created_at < :olderThan"
            + " ORDER BY created_at LIMIT :limit")
    List<String> stale(@Bind("olderThan") Instant olderThan, @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) FROM wallet_reservation WHERE status = 'open'")
    long openReservations();
}
