package com.chimti.ai.adapter.out.persistence.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migration V9 (the owner is (client_id, sub)) on rows written under V8, in a schema of its own: a sub seen in one
 * client gets that client on every row and is listed for its profile folder move; a sub seen in several gets
 * nothing guessed (settings and logins deleted, actions and artifacts only where a chat, note or draft tells).
 */
abstract class MigrationV9Contract {
    private static final String T = "TIMESTAMPTZ '2026-01-01 00:00:00+00'";
    private String schema;

    protected abstract TestDatabases databases();

    private Flyway flyway(String target) {
        var config = Flyway.configure(Database.class.getClassLoader())
                .dataSource(databases().instance().database().pool())
                .locations("classpath:db/migration")
                .schemas(schema)
                .defaultSchema(schema);
        return (target == null ? config : config.target(target)).load();
    }

    @BeforeEach
    void v8Schema() {
        schema = "v9_" + UUID.randomUUID().toString().replace("-", "");
        flyway("8").migrate();
    }

    @AfterEach
    void dropSchema() {
        databases().instance().jdbi().useHandle(h -> h.execute("DROP SCHEMA " + schema + " CASCADE"));
    }

    /** SET LOCAL: the search path ends with the transaction, so no pooled connection keeps it. */
    private void sql(String statement) {
        databases().instance().jdbi().useTransaction(h -> {
            h.execute("SET LOCAL search_path TO " + schema);
            h.execute(statement);
        });
    }

    private <T> T query(java.util.function.Function<Handle, T> reads) {
        return databases().instance().jdbi().inTransaction(h -> {
            h.execute("SET LOCAL search_path TO " + schema);
            return reads.apply(h);
        });
    }

    private void chat(String id, String user, String client) {
        sql("INSERT INTO ai_chats (id, user_id, client_id, title, provider, created_at, updated_at) VALUES ('"
                + id + "', '" + user + "', '" + client + "', 't', 'codex', " + T + ", " + T + ")");
    }

    private void action(String id, String user, String chat) {
        sql("INSERT INTO ai_actions (id, chat_id, user_id, action_type, status, created_at) VALUES ('" + id + "', "
                + (chat == null ? "NULL" : "'" + chat + "'") + ", '" + user + "', 'create_task_note', 'proposed', "
                + T + ")");
    }

    private void setting(String user) {
        sql("INSERT INTO ai_settings (user_id, provider, model, status, created_at, updated_at) VALUES ('" + user
                + "', 'codex', 'gpt-5-mini', 'active', " + T + ", " + T + ")");
    }

    private void login(String id, String user) {
        sql("INSERT INTO ai_logins (id, user_id, provider, state, created_at, expires_at, updated_at) VALUES ('"
                + id + "', '" + user + "', 'codex', 'pending', " + T + ", " + T + ", " + T + ")");
    }

    private void artifact(String id, String user, String chat) {
        sql("INSERT INTO ai_artifacts (id, user_id, chat_id, type, storage_path, created_at) VALUES ('" + id + "', '"
                + user + "', " + (chat == null ? "NULL" : "'" + chat + "'") + ", 'note', 'k/" + id + "', " + T + ")");
    }

    private String clientOf(String table, String id) {
        return query(h -> h.createQuery("SELECT client_id FROM " + table + " WHERE id = :id").bind("id", id)
                .mapTo(String.class).one());
    }

    private int count(String table, String user) {
        return query(h -> h.createQuery("SELECT count(*) FROM " + table + " WHERE user_id = :u").bind("u", user)
                .mapTo(Integer.class).one());
    }

    @Test
    void aSubWithOneClientMovesToItAndASubWithSeveralIsNotGuessed() {
        chat("chat-one", "one", "c1");
        action("act-one-chatless", "one", null);
        setting("one");
        login("login-one", "one");
        artifact("art-one", "one", null);

        chat("chat-two-a", "two", "c1");
        chat("chat-two-b", "two", "c2");
        action("act-two-in-b", "two", "chat-two-b");
        action("act-two-chatless", "two", null);
        action("act-two-noted", "two", null);
        sql("INSERT INTO ai_task_notes (id, action_id, user_id, client_id, brand_id, title, created_at) VALUES"
                + " ('note-1', 'act-two-noted', 'two', 'c2', 'b1', 'n', " + T + ")");
        setting("two");
        login("login-two", "two");
        artifact("art-two-in-a", "two", "chat-two-a");
        artifact("art-two-chatless", "two", null);

        setting("nobody-knows"); // connected, never chatted: no client seen

        flyway(null).migrate();

        assertThat(clientOf("ai_actions", "act-one-chatless")).isEqualTo("c1");
        assertThat(clientOf("ai_logins", "login-one")).isEqualTo("c1");
        assertThat(clientOf("ai_artifacts", "art-one")).isEqualTo("c1");
        List<String> settingClients = query(h -> h.createQuery(
                "SELECT client_id FROM ai_settings WHERE user_id = 'one'").mapTo(String.class).list());
        assertThat(settingClients).containsExactly("c1");

        assertThat(clientOf("ai_actions", "act-two-in-b")).isEqualTo("c2");
        assertThat(clientOf("ai_actions", "act-two-noted")).isEqualTo("c2");
        assertThat(clientOf("ai_actions", "act-two-chatless")).isNull();
        assertThat(clientOf("ai_artifacts", "art-two-in-a")).isEqualTo("c1");
        assertThat(clientOf("ai_artifacts", "art-two-chatless")).isNull();
        assertThat(count("ai_settings", "two")).isZero();
        assertThat(count("ai_logins", "two")).isZero();
        assertThat(count("ai_settings", "nobody-knows")).isZero();

        List<Map<String, Object>> moves = query(h -> h.createQuery(
                "SELECT user_id, client_id, moved_at FROM ai_profile_moves ORDER BY user_id").mapToMap().list());
        assertThat(moves).hasSize(1);
        assertThat(moves.get(0)).containsEntry("user_id", "one").containsEntry("client_id", "c1")
                .containsEntry("moved_at", null);

        // the new keys hold: one setting per (client, sub, provider), one pending login per (client, sub, provider)
        sql("INSERT INTO ai_settings (client_id, user_id, provider, status, created_at, updated_at) VALUES"
                + " ('c2', 'one', 'codex', 'active', " + T + ", " + T + ")");
        sql("INSERT INTO ai_logins (id, client_id, user_id, provider, state, created_at, expires_at, updated_at)"
                + " VALUES ('login-one-c2', 'c2', 'one', 'codex', 'pending', " + T + ", " + T + ", " + T + ")");
        assertThat(count("ai_settings", "one")).isEqualTo(2);
        assertThat(count("ai_logins", "one")).isEqualTo(2);
    }
}
