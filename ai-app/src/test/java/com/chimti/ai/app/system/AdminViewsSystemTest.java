package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.domain.billing.Reservation;
import com.chimti.ai.core.port.out.Wallets;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin views over HTTP with the stub provider: turns of users in two brands of two clients (the same sub
 * and the same brand id in both clients), paid from wallets, then usage per client, brand and user whose totals
 * match the wallets' debits, a wallet's history page by page, an open hold, and the refusals.
 */
class AdminViewsSystemTest {
    @TempDir
    Path dataDir;

    private final String platform = RunningServer.token("ops", "platform", List.of(), List.of("PLATFORM_ADMIN"),
            true);
    /** Brand admin of brand-1 in client-1, and the same sub as brand admin of brand-1 in client-2. */
    private final String samIn1 = RunningServer.token("sam", "client-1", List.of("brand-1"), List.of("BRAND_ADMIN"),
            false);
    private final String samIn2 = RunningServer.token("sam", "client-2", List.of("brand-1"), List.of("BRAND_ADMIN"),
            false);
    /** A store user of brand-2 in client-1, with AI access. */
    private final String store = RunningServer.token("stu", "client-1", List.of("brand-2"), List.of("STORE"), true);
    private final String superIn2 = RunningServer.token("sue", "client-2", List.of("brand-9"),
            List.of("BRAND_SUPERADMIN"), false);

    @Test
    void usagePerClientBrandAndUserMatchesTheWalletsAndTheLedgerPagesThroughEveryLine() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("AI_CREDITS_BASE_PER_CALL", "5"))) {
            topUp(server, "client-1", "brand-1", 1000, "k1");
            topUp(server, "client-1", null, 1000, "k2");
            topUp(server, "client-2", null, 1000, "k3");

            turns(server, samIn1, "brand-1", 2);
            turns(server, store, "brand-2", 1); // brand-2 has no wallet: the client's pays
            turns(server, samIn2, "brand-1", 1);
            turns(server, superIn2, "brand-9", 1);

            long spentBrand1 = 1000 - balance(server, samIn1, "brand-1");
            long spentClient1 = 1000 - balance(server, store, null);
            long spentClient2 = 1000 - balance(server, samIn2, null);

            // every client, one row each, totals over all
            JsonNode clients = ok(server.get("/v1/ai/admin/usage?groupBy=client", platform));
            assertThat(clients.get("clientId").isNull()).isTrue();
            assertThat(rows(clients, "clientId")).containsOnlyKeys("client-1", "client-2");
            assertThat(rows(clients, "clientId").get("client-1").get("credits").asLong())
                    .isEqualTo(spentBrand1 + spentClient1);
            assertThat(rows(clients, "clientId").get("client-2").get("credits").asLong()).isEqualTo(spentClient2);
            assertThat(clients.at("/totals/calls").asLong()).isEqualTo(5);
            assertThat(clients.at("/totals/credits").asLong()).isEqualTo(spentBrand1 + spentClient1 + spentClient2);
            assertThat(clients.at("/totals/outcomes/completed").asLong()).isEqualTo(5);
            assertThat(clients.get("truncated").asBoolean()).isFalse();

            // one client per brand
            JsonNode brands = ok(server.get("/v1/ai/admin/usage?groupBy=brand&clientId=client-1", platform));
            assertThat(rows(brands, "brandId")).containsOnlyKeys("brand-1", "brand-2");
            assertThat(rows(brands, "brandId").get("brand-1").get("calls").asLong()).isEqualTo(2);
            assertThat(rows(brands, "brandId").get("brand-1").get("credits").asLong()).isEqualTo(spentBrand1);
            assertThat(rows(brands, "brandId").get("brand-2").get("credits").asLong()).isEqualTo(spentClient1);

            // per user: the same sub in client-2 is another user, in another client's report
            JsonNode users2 = ok(server.get("/v1/ai/admin/usage?groupBy=user&clientId=client-2", platform));
            assertThat(rows(users2, "userId")).containsOnlyKeys("sam", "sue");
            assertThat(users2.at("/totals/credits").asLong()).isEqualTo(spentClient2);

            // a brand admin sees their brand in their client, the same through every grouping
            JsonNode mine = ok(server.get("/v1/ai/admin/usage?groupBy=user&brandId=brand-1", samIn1));
            assertThat(mine.get("clientId").asText()).isEqualTo("client-1");
            assertThat(rows(mine, "userId")).containsOnlyKeys("sam");
            assertThat(mine.at("/totals/credits").asLong()).isEqualTo(spentBrand1);
            JsonNode mineIn2 = ok(server.get("/v1/ai/admin/usage?groupBy=brand&brandId=brand-1", samIn2));
            assertThat(mineIn2.at("/totals/calls").asLong()).as("client-2's brand-1 only").isEqualTo(1);

            // the brand-1 wallet's history: a top-up, then a hold and a settlement per turn, newest first
            List<JsonNode> lines = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonNode page = ok(server.get("/v1/ai/admin/wallet/ledger?clientId=client-1&brandId=brand-1&limit=2"
                        + (cursor == null ? "" : "&cursor=" + cursor), platform));
                page.get("items").forEach(lines::add);
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(3);
            assertThat(lines).extracting(line -> line.get("kind").asText())
                    .containsExactly("settlement", "hold", "settlement", "hold", "top_up");
            assertThat(lines.get(0).get("balanceAfter").asLong()).isEqualTo(1000 - spentBrand1);
            assertThat(lines.get(4).get("balanceAfter").asLong()).isEqualTo(1000);
            assertThat(lines.get(4).get("reason").asText()).isEqualTo("trial");
            assertThat(lines.stream().filter(l -> l.get("kind").asText().equals("settlement"))
                    .mapToLong(l -> -l.get("amount").asLong()).sum()).isEqualTo(spentBrand1);
            // the brand admin reads the same history; the idempotency key never shows
            RunningServer.Response asSam = server.get("/v1/ai/admin/wallet/ledger?brandId=brand-1", samIn1);
            assertThat(ok(asSam).get("items")).hasSize(5);
            assertThat(asSam.body()).doesNotContain("k1").doesNotContainIgnoringCase("idempotency")
                    .doesNotContainIgnoringCase("hash");
        }
    }

    @Test
    void anOpenHoldShowsWithItsAgeUntilItEnds() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of())) {
            JsonNode wallet = topUp(server, "client-1", "brand-1", 100, "k1");
            Wallets wallets = server.server.instance(Wallets.class);
            String hold = ((Reservation.Held) wallets.reserve(wallet.get("walletId").asText(), 7)).reservationId();

            JsonNode held = ok(server.get("/v1/ai/admin/wallet/holds?brandId=brand-1", samIn1));
            assertThat(held.get("holds")).singleElement().satisfies(h -> {
                assertThat(h.get("reservationId").asText()).isEqualTo(hold);
                assertThat(h.get("amount").asLong()).isEqualTo(7);
                assertThat(h.get("ageSeconds").asLong()).isBetween(0L, 60L);
            });
            assertThat(held.get("total").asLong()).isEqualTo(7);
            assertThat(ok(server.get("/v1/ai/admin/wallet/ledger?brandId=brand-1&limit=1", samIn1))
                    .at("/items/0/kind").asText()).isEqualTo("hold");
            // client-2's brand-1 holds nothing, whoever asks
            assertThat(ok(server.get("/v1/ai/admin/wallet/holds?brandId=brand-1", samIn2)).get("holds")).isEmpty();
            assertThat(ok(server.get("/v1/ai/admin/wallet/holds?clientId=client-2&brandId=brand-1", platform))
                    .get("total").asLong()).isZero();

            wallets.voidReservation(hold);
            assertThat(ok(server.get("/v1/ai/admin/wallet/holds?brandId=brand-1", samIn1)).get("holds")).isEmpty();
            assertThat(ok(server.get("/v1/ai/admin/wallet/ledger?brandId=brand-1&limit=1", samIn1))
                    .at("/items/0/kind").asText()).isEqualTo("void");
        }
    }

    @Test
    void otherRolesBrandsAndClientsAreRefusedAndBadParametersAre400() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of())) {
            topUp(server, "client-1", "brand-1", 100, "k1");
            turns(server, samIn1, "brand-1", 1);
            String wallet = "/v1/ai/admin/wallet/";
            Map<String, String> forbidden = new HashMap<>();
            // a store user, whatever they ask (even a bad parameter: refused before it is read)
            for (String path : List.of("/v1/ai/admin/usage", "/v1/ai/admin/usage?brandId=brand-2",
                    "/v1/ai/admin/usage?groupBy=bogus", wall(wallet, "ledger?brandId=brand-2"),
                    wall(wallet, "holds?brandId=brand-2"), wall(wallet, "ledger?limit=0"))) {
                forbidden.put(path, store);
            }
            // a brand admin: another brand, no brand, another client (with a brand of the same id there)
            for (String path : List.of("/v1/ai/admin/usage?brandId=brand-2", "/v1/ai/admin/usage",
                    "/v1/ai/admin/usage?groupBy=client", "/v1/ai/admin/usage?clientId=client-2&brandId=brand-1",
                    wall(wallet, "ledger?brandId=brand-9"), wall(wallet, "ledger"),
                    wall(wallet, "ledger?clientId=client-2&brandId=brand-1"), wall(wallet, "holds"),
                    wall(wallet, "holds?clientId=client-2&brandId=brand-1"))) {
                forbidden.put(path, samIn1);
            }
            // client-2's admin of a brand-1 replaying client-1's ids
            for (String path : List.of("/v1/ai/admin/usage?clientId=client-1&brandId=brand-1",
                    wall(wallet, "ledger?clientId=client-1&brandId=brand-1"),
                    wall(wallet, "holds?clientId=client-1&brandId=brand-1"))) {
                forbidden.put(path, samIn2);
            }
            forbidden.forEach((path, token) -> {
                RunningServer.Response refused = server.get(path, token);
                assertThat(refused.status()).as(path).isEqualTo(403);
                assertThat(refused.json().get("code").asText()).as(path).isEqualTo("forbidden");
            });
            // what client-2's admin may read holds nothing of client-1
            JsonNode theirs = ok(server.get("/v1/ai/admin/usage?groupBy=user&brandId=brand-1", samIn2));
            assertThat(theirs.get("rows")).isEmpty();
            assertThat(ok(server.get(wall(wallet, "ledger?brandId=brand-1"), samIn2)).get("items")).isEmpty();

            String tampered = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("not-an-instant|x".getBytes(StandardCharsets.UTF_8));
            for (String path : List.of("/v1/ai/admin/usage?groupBy=bogus", "/v1/ai/admin/usage?groupBy=CLIENT",
                    "/v1/ai/admin/usage?clientId=%00x", "/v1/ai/admin/usage?clientId=%FF%FE",
                    "/v1/ai/admin/usage?clientId=" + "c".repeat(129), "/v1/ai/admin/usage?from=yesterday",
                    "/v1/ai/admin/usage?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
                    "/v1/ai/admin/usage?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                    wall(wallet, "ledger?limit=0"), wall(wallet, "ledger?limit=201"), wall(wallet, "ledger?limit=x"),
                    wall(wallet, "ledger?cursor=%25%25%25"), wall(wallet, "ledger?cursor=" + tampered),
                    wall(wallet, "ledger?cursor=" + URLEncoder.encode("!!", StandardCharsets.UTF_8)),
                    wall(wallet, "holds?brandId=%01"))) {
                RunningServer.Response invalid = server.get(path, platform);
                assertThat(invalid.status()).as(path).isEqualTo(400);
                assertThat(invalid.json().get("code").asText()).as(path).isEqualTo("validation_failed");
            }
        }
    }

    private static String wall(String prefix, String rest) {
        return prefix + rest;
    }

    private JsonNode topUp(RunningServer server, String client, String brand, long amount, String key) {
        String body = "{\"clientId\":\"" + client + "\"," + (brand == null ? "" : "\"brandId\":\"" + brand + "\",")
                + "\"amount\":" + amount + ",\"reason\":\"trial\",\"idempotencyKey\":\"" + key + "\"}";
        return ok(server.post("/v1/ai/wallet/credits", platform, body));
    }

    private static void turns(RunningServer server, String token, String brand, int count) {
        RunningServer.Response created = server.post("/v1/ai/chats", token, "{\"brandId\":\"" + brand + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String chatId = created.json().get("id").asText();
        for (int i = 0; i < count; i++) {
            ok(server.post("/v1/ai/chats/" + chatId + "/messages", token, "{\"content\":\"turn " + i + "\"}"));
        }
    }

    private static long balance(RunningServer server, String token, String brand) {
        return ok(server.get("/v1/ai/wallet" + (brand == null ? "" : "?brandId=" + brand), token))
                .get("balance").asLong();
    }

    private static Map<String, JsonNode> rows(JsonNode report, String key) {
        Map<String, JsonNode> rows = new HashMap<>();
        report.get("rows").forEach(row -> rows.put(row.get(key).asText(), row));
        return rows;
    }

    private static JsonNode ok(RunningServer.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
