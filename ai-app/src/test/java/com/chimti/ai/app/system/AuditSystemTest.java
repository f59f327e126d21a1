package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail over HTTP on the stub provider: an API-key login, a model change, a proposal confirmed and one
 * rejected, a top-up and its replay, a sign-out; read by a platform admin and by brand admins, refused to others,
 * and with no key, message text, action input or top-up reason in any row.
 */
class AuditSystemTest {
    private static final String API_KEY = "sk-audit-Kestrel-0123456789abcdef";
    private static final String NOTE_TITLE = "Quartz-Heron-77";
    private static final String TOP_UP_REASON = "invoice Zebra-12";

    @TempDir
    Path dataDir;

    @Test
    void securityEventsAreRecordedOnceAndReadByAdminsOnly() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, Map.of())) {
            String alice = RunningServer.adminToken("alice"); // client-1, brand-1
            String bea = RunningServer.token("bea", "client-1", List.of("brand-2"), List.of("BRAND_ADMIN"), false);
            String store = RunningServer.token("sam", "client-1", List.of("brand-1"), List.of("STORE"), true);
            String elsewhere = RunningServer.token("alice", "client-2", List.of("brand-1"), List.of("BRAND_ADMIN"),
                    false);
            String platform = RunningServer.token("ops", "platform", List.of(), List.of("PLATFORM_ADMIN"), true);

            assertThat(server.send("POST", "/v1/ai/account/login", alice,
                    "{\"method\":\"apiKey\",\"apiKey\":\"" + API_KEY + "\"}",
                    Map.of("X-Request-Id", "req-login-1")).status()).isEqualTo(200);
            assertThat(server.put("/v1/ai/models/current", alice, "{\"model\":\"stub-large\"}").status())
                    .isEqualTo(200);
            String chatId = server.newChat(alice);
            String confirmedId = propose(server, alice, chatId, "req-turn-1");
            assertThat(server.post("/v1/ai/actions/" + confirmedId + "/confirm", alice, "{}").json()
                    .get("status").asText()).isEqualTo("executed");
            String rejectedId = propose(server, alice, chatId, "req-turn-2");
            assertThat(server.post("/v1/ai/actions/" + rejectedId + "/reject", alice, "{}").status())
                    .isEqualTo(200);
            assertThat(server.post("/v1/ai/actions/" + rejectedId + "/confirm", alice, "{}").status())
                    .as("a refused request records nothing").isEqualTo(409);
            String topUp = "{\"clientId\":\"client-1\",\"brandId\":\"brand-1\",\"amount\":50,\"reason\":\""
                    + TOP_UP_REASON + "\",\"idempotencyKey\":\"audit-k-1\"}";
            assertThat(server.post("/v1/ai/wallet/credits", platform, topUp).status()).isEqualTo(200);
            assertThat(server.post("/v1/ai/wallet/credits", platform, topUp).status()).as("a replay").isEqualTo(200);
            assertThat(server.post("/v1/ai/wallet/credits", alice, topUp).status()).isEqualTo(403);
            assertThat(server.post("/v1/ai/account/logout", alice, "{}").status()).isIn(200, 204);

            // the platform admin sees every event of client-1, newest first
            List<JsonNode> all = readAll(server, platform, "clientId=client-1&limit=2");
            assertThat(all).extracting(e -> e.get("type").asText()).containsExactly("LOGGED_OUT",
                    "WALLET_TOPPED_UP", "ACTION_REJECTED", "ACTION_EXECUTED", "ACTION_CONFIRMED", "MODEL_CHANGED",
                    "LOGIN_CONNECTED");
            JsonNode login = all.get(6);
            assertThat(login.get("requestId").asText()).isEqualTo("req-login-1");
            assertThat(login.get("actorUserId").asText()).isEqualTo("alice");
            assertThat(login.get("brandId").isNull()).isTrue();
            assertThat(login.get("details")).isEqualTo(RunningServer.JSON.readTree(
                    "{\"provider\":\"openai-stub\",\"method\":\"api_key\"}"));
            assertThat(all.get(5).get("details").get("previousModel").asText()).isEqualTo("stub-small");
            JsonNode confirmed = all.get(4);
            assertThat(confirmed.get("brandId").asText()).isEqualTo("brand-1");
            assertThat(confirmed.at("/details/actionId").asText()).isEqualTo(confirmedId);
            assertThat(confirmed.at("/details/chatId").asText()).isEqualTo(chatId);
            JsonNode credited = all.get(1);
            assertThat(credited.at("/details/amount").asText()).isEqualTo("50");
            assertThat(credited.get("actorUserId").asText()).isEqualTo("ops");
            assertThat(credited.at("/details/actorClientId").asText()).isEqualTo("platform");
            assertThat(types(server, platform, "clientId=client-1&type=action_confirmed"))
                    .containsExactly("ACTION_CONFIRMED");
            assertThat(types(server, platform, "")).as("the platform's own client").isEmpty();

            // usage rows carry the request id of the turn
            assertThat(server.get("/v1/ai/usage", alice).json().get("items"))
                    .extracting(item -> item.get("requestId").asText()).contains("req-turn-1", "req-turn-2");

            // brand admins: their client's events of their brands, and those of no brand
            assertThat(types(server, alice, "")).containsExactly("LOGGED_OUT", "WALLET_TOPPED_UP",
                    "ACTION_REJECTED", "ACTION_EXECUTED", "ACTION_CONFIRMED", "MODEL_CHANGED", "LOGIN_CONNECTED");
            assertThat(types(server, bea, "clientId=client-1")).containsExactly("LOGGED_OUT", "MODEL_CHANGED",
                    "LOGIN_CONNECTED");

            // others: refused, and another client's admin with the same sub and brand id sees none of it
            assertThat(problem(server.get("/v1/ai/admin/audit", store), 403)).isEqualTo("forbidden");
            assertThat(problem(server.get("/v1/ai/admin/audit?clientId=client-1", elsewhere), 403))
                    .isEqualTo("forbidden");
            assertThat(types(server, elsewhere, "")).isEmpty();
            assertThat(server.get("/v1/ai/admin/audit", null).status()).isEqualTo(401);
            for (String bad : List.of("type=NOT_A_TYPE", "from=yesterday", "limit=0", "cursor=%21%21",
                    "userId=" + "x".repeat(300), "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")) {
                assertThat(problem(server.get("/v1/ai/admin/audit?" + bad, platform), 400)).as(bad)
                        .isEqualTo("validation_failed");
            }

            // no row holds the key, the message or the action's input, or the top-up's reason
            String table = server.server.instance(Database.class).jdbi().withHandle(h -> h.createQuery(
                    "SELECT string_agg(CAST(t AS text), ' ') FROM ai_audit_events t").mapTo(String.class).one());
            assertThat(table).contains("alice", "req-login-1").doesNotContain(API_KEY, "Kestrel", NOTE_TITLE,
                    "Zebra", "propose");
        }
    }

    /** A stub turn that proposes create_task_note in brand-1; the proposal's id. */
    private static String propose(RunningServer server, String token, String chatId, String requestId) {
        RunningServer.Response turn = server.send("POST", "/v1/ai/chats/" + chatId + "/messages", token,
                "{\"content\":\"propose create_task_note title=" + NOTE_TITLE + " brandId=brand-1\"}",
                Map.of("X-Request-Id", requestId));
        assertThat(turn.status()).as(turn.body()).isEqualTo(200);
        JsonNode actions = server.get("/v1/ai/actions?chatId=" + chatId, token).json().get("items");
        for (JsonNode action : actions) {
            if ("proposed".equals(action.get("status").asText())) {
                return action.get("id").asText();
            }
        }
        throw new AssertionError("no proposal in " + actions);
    }

    private static List<JsonNode> readAll(RunningServer server, String token, String query) {
        List<JsonNode> events = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RunningServer.Response page = server.get("/v1/ai/admin/audit?" + query
                    + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(events::add);
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
            assertThat(++pages).isLessThan(20);
        } while (cursor != null);
        return events;
    }

    private static List<String> types(RunningServer server, String token, String query) {
        RunningServer.Response page = server.get("/v1/ai/admin/audit?" + query, token);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        page.json().get("items").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private static String problem(RunningServer.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response.json().get("code").asText();
    }
}
