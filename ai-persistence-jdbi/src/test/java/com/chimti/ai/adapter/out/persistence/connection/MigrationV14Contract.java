package com.chimti.ai.adapter.out.persistence.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migration V14 on ledger rows written under V13, in a schema of its own: each row gets the balance it left (the
 * running sum of its wallet's ledger) where the ledger explains the wallet's balance, and stays unknown where not.
 */
abstract class MigrationV14Contract {
    private String schema;

    protected abstract TestDatabases databases();

    private Flyway flyway(String target) {
        return Flyway.configure(Database.class.getClassLoader())
                .dataSource(databases().instance().database().pool())
                .locations("classpath:db/migration")
                .schemas(schema)
                .defaultSchema(schema)
                .target(target)
                .load();
    }

    @BeforeEach
    void v13Schema() {
        schema = "v14_" + UUID.randomUUID().toString().replace("-", "");
        flyway("13").migrate();
    }

    @AfterEach
    void dropSchema() {
        databases().instance().jdbi().useHandle(h -> h.execute("DROP SCHEMA " + schema + " CASCADE"));
    }

    private void sql(String statement) {
        databases().instance().jdbi().useTransaction(h -> {
            h.execute("SET LOCAL search_path TO " + schema);
            h.execute(statement);
        });
    }

    private void wallet(String id, long balance) {
        sql("INSERT INTO wallet (wallet_id, client_id, balance) VALUES ('" + id + "', 'client-" + id + "', " + balance
                + ")");
    }

    private void ledger(String id, String wallet, long amount, String kind, String at) {
        sql("INSERT INTO wallet_ledger (id, wallet_id, amount, kind, created_at) VALUES ('" + id + "', '" + wallet
                + "', " + amount + ", '" + kind + "', TIMESTAMPTZ '" + at + "')");
    }

    @Test
    void ledgerRowsGetTheirBalanceWhereTheLedgerExplainsTheWallet() {
        wallet("w1", 93);
        ledger("a", "w1", 100, "credit", "2026-01-01 00:00:00+00");
        ledger("c", "w1", -4, "charge", "2026-01-02 00:00:00+00");
        ledger("b", "w1", -3, "charge", "2026-01-02 00:00:00+00"); // same instant: ordered by id
        wallet("w2", 500); // credited outside the ledger: its balances are unknown
        ledger("d", "w2", 100, "credit", "2026-01-01 00:00:00+00");

        flyway("14").migrate();

        Map<String, Long> after = databases().instance().jdbi().inTransaction(h -> {
            h.execute("SET LOCAL search_path TO " + schema);
            Map<String, Long> rows = new java.util.HashMap<>();
            h.createQuery("SELECT id, balance_after FROM wallet_ledger").map((rs, ctx) -> {
                rows.put(rs.getString("id"), rs.getObject("balance_after", Long.class));
                return null;
            }).list();
            return rows;
        });
        assertThat(after).containsEntry("a", 100L).containsEntry("b", 97L).containsEntry("c", 93L)
                .containsEntry("d", null);
    }
}
