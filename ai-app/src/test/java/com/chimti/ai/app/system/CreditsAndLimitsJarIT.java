package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5's acceptance from the packaged jar, as an outside client sees it, with the real Codex CLI against the
 * fake OpenAI: 402 before any model call when credits are out, 429 past the request limit, usage rows for the
 * calls, and a turn killed mid-way by a crash whose credit hold the next start voids.
 */
class CreditsAndLimitsJarIT {
    private static final int USER_RPM = 8;

    @TempDir
    Path dataDir;

    @Test
    void anOutsideClientMeets402And429SeesItsUsageAndACrashLeavesNoOpenHold() throws Exception {
        Set<Long> codexBefore = JarServer.codexPids();
        try (FakeOpenAiServer openAi = new FakeOpenAiServer()) {
            Map<String, String> env = Map.of(
                    "AI_PROVIDERS", "codex",
                    "AI_DEFAULT_PROVIDER", "codex",
                    "CODEX_CONFIG_FILE", openAi.writeCodexConfig(dataDir.resolveSibling("operator.toml")).toString(),
                    "CODEX_ENV_PASSTHROUGH", FakeOpenAiServer.ISSUER_ENV,
                    FakeOpenAiServer.ISSUER_ENV, openAi.baseUrl(),
                    "AI_CREDITS_BASE_PER_CALL", "5",
                    "AI_MAX_OUTPUT_TOKENS_PER_TURN", "100",
                    "AI_RATE_USER_RPM", Integer.toString(USER_RPM));
            String platform = JarServer.token("ops", "platform", List.of(), List.of("PLATFORM_ADMIN"));
            String alice = JarServer.token("alice", "client-a", List.of("brand-a"), List.of("BRAND_ADMIN"));
            String bob = JarServer.token("bob", "client-b", List.of("brand-b"), List.of("BRAND_ADMIN"));
            String dave = JarServer.token("dave", "client-d", List.of("brand-d"), List.of("BRAND_ADMIN"));

            JarServer first = JarServer.start(dataDir, env);
            try {
                for (String user : List.of(alice, bob, dave)) {
                    connectCodex(first, user);
                }
                topUp(first, platform, "client-a", 12, "top-up-a");
                topUp(first, platform, "client-d", 100, "top-up-d");

                // credits: turns are charged until the next one cannot be covered; the 402 never reaches the model
                String aliceChat = newChat(first, alice, "brand-a");
                int served = 0;
                JarServer.Reply refused = null;
                for (int i = 0; i < 5 && refused == null; i++) {
                    int modelCallsBefore = openAi.requestsTo("/v1/responses").size();
                    JarServer.Reply turn = first.post("/v1/ai/chats/" + aliceChat + "/messages", alice,
                            "{\"content\":\"paid turn " + i + "\"}");
                    if (turn.status() == 402) {
                        refused = turn;
                        assertThat(openAi.requestsTo("/v1/responses")).as("no model call for a refused turn")
                                .hasSize(modelCallsBefore);
                    } else {
                        assertThat(turn.status()).as(turn.body()).isEqualTo(200);
                        served++;
                    }
                }
                assertThat(served).as("the top-up pays for at least one turn").isPositive();
                assertThat(refused).as("credits run out").isNotNull();
                assertThat(refused.json().get("code").asText()).isEqualTo("insufficient_credits");
                assertThat(refused.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));

                JsonNode wallet = first.get("/v1/ai/wallet", alice).json();
                JsonNode usage = first.get("/v1/ai/usage", alice).json();
                assertThat(usage.get("items")).as("one usage row per served call").hasSize(served);
                for (JsonNode row : usage.get("items")) {
                    assertThat(row.get("provider").asText()).isEqualTo("codex");
                    assertThat(row.get("chatId").asText()).isEqualTo(aliceChat);
                    assertThat(row.get("credits").asLong()).isGreaterThanOrEqualTo(5);
                }
                assertThat(usage.at("/totals/credits").asLong()).isEqualTo(12 - wallet.get("balance").asLong());
                assertThat(wallet.get("reserved").asLong()).isZero();

                // rate limit: past the per-user bucket a request is refused with its headers; the bucket refills
                // one request every 60/USER_RPM s, so count what passed against the time it took
                String bobChat = newChat(first, bob, "brand-b");
                long started = System.nanoTime();
                int passed = 0;
                JarServer.Reply limited;
                while ((limited = first.post("/v1/ai/chats/" + bobChat + "/messages", bob,
                        "{\"content\":\"hi " + passed + "\"}")).status() == 200 && passed < 3 * USER_RPM) {
                    passed++;
                }
                java.time.Duration elapsed = java.time.Duration.ofNanos(System.nanoTime() - started);
                assertThat((long) passed).as(limited.body()).isBetween((long) USER_RPM,
                        TokenBucketBounds.mostAllowed(USER_RPM, java.time.Duration.ofMinutes(1), elapsed));
                assertThat(limited.status()).isEqualTo(429);
                assertThat(limited.json().get("code").asText()).isEqualTo("rate_limited");
                assertThat(limited.raw().headers().firstValue("Retry-After")).hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
                assertThat(limited.raw().headers().firstValue("RateLimit")).hasValueSatisfying(
                        value -> assertThat(value).contains("limit=" + USER_RPM));

                // a crash mid-turn: the hold stays open until the next start voids it
                String daveChat = newChat(first, dave, "brand-d");
                openAi.holdAfterDeltas(1);
                CompletableFuture<HttpResponse<String>> interrupted = CompletableFuture.supplyAsync(() -> {
                    try {
                        return first.post("/v1/ai/chats/" + daveChat + "/messages", dave,
                                "{\"content\":\"a long answer please\"}").raw();
                    } catch (Exception e) {
                        return null; // the server dies under it
                    }
                });
                Instant deadline = Instant.now().plusSeconds(30);
                while (openAi.holding() == 0) {
                    assertThat(Instant.now()).as("the turn reaches the model").isBefore(deadline);
                    Thread.sleep(50);
                }
                assertThat(first.get("/v1/ai/wallet", dave).json().get("reserved").asLong()).isPositive();
                first.kill();
                openAi.releaseHeld();
                interrupted.join();
            } finally {
                first.close();
            }

            // holds older than twice the turn limit are voided at start: a 2 s limit makes dave's stale after 4 s
            Thread.sleep(5_000);
            try (JarServer second = JarServer.start(dataDir,
                    JarServer.withDefaults(env, Map.of("AI_TURN_TIMEOUT_MS", "2000")))) {
                JsonNode wallet = second.get("/v1/ai/wallet", dave).json();
                assertThat(wallet.get("reserved").asLong()).as("no open hold after the startup sweep").isZero();
                assertThat(wallet.get("balance").asLong()).as("a voided hold costs nothing").isEqualTo(100);
            }
        }
        Set<Long> leftover = JarServer.codexPids();
        leftover.removeAll(codexBefore);
        assertThat(leftover).as("no Codex CLI of either run is left").isEmpty();
        assertThat(JarServer.postgresProcessesFor(dataDir)).as("no embedded PostgreSQL left running").isEmpty();
    }

    private static void connectCodex(JarServer server, String token) throws Exception {
        JarServer.Reply login = server.post("/v1/ai/account/login", token,
                "{\"provider\":\"codex\",\"method\":\"apiKey\",\"apiKey\":\"sk-jar-test-key-0123456789abcdef\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
    }

    private static void topUp(JarServer server, String platform, String client, long amount, String key)
            throws Exception {
        JarServer.Reply reply = server.post("/v1/ai/wallet/credits", platform, "{\"clientId\":\"" + client
                + "\",\"amount\":" + amount + ",\"reason\":\"trial\",\"idempotencyKey\":\"" + key + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static String newChat(JarServer server, String token, String brand) throws Exception {
        JarServer.Reply chat = server.post("/v1/ai/chats", token, "{\"brandId\":\"" + brand + "\"}");
        assertThat(chat.status()).as(chat.body()).isEqualTo(201);
        return chat.json().get("id").asText();
    }
}
