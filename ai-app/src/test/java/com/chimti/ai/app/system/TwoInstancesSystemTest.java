package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one external PostgreSQL and one profile volume behave as one: wallets and rate limits are
 * shared. Skipped without the server at 127.0.0.1:5432, failed instead when AI_TEST_EXTERNAL_PG=required.
 */
class TwoInstancesSystemTest {
    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(30);
    private static final String PLATFORM = RunningServer.token("ops", "platform", List.of(), List.of("PLATFORM_ADMIN"),
            true);

    @TempDir
    Path dir;

    @Test
    void aThousandConcurrentChargesOverBothInstancesSpendExactlyTheBalance() throws Exception {
        int attempts = 1000;
        int threads = 50;
        int covered = 137;
        long price = 3; // base 1 + 1 per started 1,000 input tokens + 1 per started 1,000 output tokens
        Map<String, String> pricing = new HashMap<>(Map.of(
                "AI_CREDITS_BASE_PER_CALL", "1", "AI_CREDITS_PER_1K_INPUT", "1", "AI_CREDITS_PER_1K_OUTPUT", "1",
                "AI_MAX_OUTPUT_TOKENS_PER_TURN", "1000", "AI_HISTORY_MESSAGES", "0",
                "AI_RATE_USER_RPM", "0", "AI_RATE_BRAND_RPM", "0", "AI_RATE_USER_TOKENS_PER_DAY", "0",
                "AI_MAX_CONCURRENT_TURNS", "64"));
        try (TwoInstances two = TwoInstances.start(dir, pricing)) {
            RunningServer.Response topUp = two.a.post("/v1/ai/wallet/credits", PLATFORM, "{\"clientId\":\"client-1\","
                    + "\"amount\":" + covered * price + ",\"reason\":\"seed\",\"idempotencyKey\":\"seed-1\"}");
            assertThat(topUp.status()).as(topUp.body()).isEqualTo(200);

            // one user per thread, so only the wallet is contended; each user's chat is made on A, used on both
            List<String> tokens = new ArrayList<>();
            List<String> chats = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String token = RunningServer.adminToken("payer-" + t);
                tokens.add(token);
                chats.add(two.a.post("/v1/ai/chats", token, "{}").json().get("id").asText());
            }

            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            Map<String, AtomicInteger> successesPerInstance = new ConcurrentHashMap<>();
            List<Long> charged = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            try {
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    Callable<Void> charges = () -> {
                        start.await();
                        for (int i = 0; i < attempts / threads; i++) {
                            RunningServer server = two.either(thread + i);
                            RunningServer.Response turn = server.post("/v1/ai/chats/" + chats.get(thread)
                                    + "/messages", tokens.get(thread), "{\"content\":\"charge " + i + "\"}");
                            statuses.computeIfAbsent(turn.status(), s -> new AtomicInteger()).incrementAndGet();
                            if (turn.status() == 200) {
                                charged.add(turn.json().at("/usage/credits").asLong());
                                successesPerInstance.computeIfAbsent(server == two.a ? "a" : "b",
                                        k -> new AtomicInteger()).incrementAndGet();
                            } else {
                                assertThat(turn.json().get("code").asText()).isEqualTo("insufficient_credits");
                            }
                        }
                        return null;
                    };
                    done.add(pool.submit(charges));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(10, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(statuses.keySet()).containsOnly(200, 402);
            assertThat(statuses.get(200).get()).as("turns that got credits").isEqualTo(covered);
            assertThat(statuses.get(402).get()).isEqualTo(attempts - covered);
            assertThat(charged).as("every turn cost exactly its hold").containsOnly(price);
            assertThat(successesPerInstance.keySet()).as("both instances charged the one wallet")
                    .containsExactlyInAnyOrder("a", "b");

            JsonNode wallet = two.b.get("/v1/ai/wallet", RunningServer.adminToken("payer-0")).json();
            assertThat(wallet.get("balance").asLong()).isZero();
            assertThat(wallet.get("reserved").asLong()).isZero();
            String walletId = "(select wallet_id from wallet where client_id = 'client-1' and brand_id is null)";
            assertThat(two.database.queryLong("select coalesce(sum(amount), 0) from wallet_ledger where wallet_id = "
                    + walletId)).as("the ledger sums to the balance").isZero();
            assertThat(two.database.queryLong("select count(*) from wallet_ledger where kind = 'charge'"))
                    .isEqualTo(covered);
            assertThat(two.database.queryLong("select count(*) from wallet_reservation where status = 'open'"))
                    .isZero();
        }
    }

    @Test
    void theRequestLimitIsOneBudgetAcrossBothInstances() {
        try (TwoInstances two = TwoInstances.start(dir, Map.of("AI_RATE_USER_RPM", "5"))) {
            String alice = RunningServer.adminToken("alice");
            String chatId = two.a.post("/v1/ai/chats", alice, "{}").json().get("id").asText();
            // alternate instances until each has refused once: together they let through one bucket of 5 (plus
            // one request per 12 s that passed), not 5 each
            long started = System.nanoTime();
            int passed = 0;
            java.util.Set<Integer> refusedBy = new java.util.HashSet<>();
            for (int i = 0; refusedBy.size() < 2 && i < 30; i++) {
                RunningServer.Response turn = two.either(i).post("/v1/ai/chats/" + chatId + "/messages", alice,
                        "{\"content\":\"hi " + i + "\"}");
                if (turn.status() == 200) {
                    passed++;
                    continue;
                }
                assertThat(turn.status()).as("request %d: %s", i, turn.body()).isEqualTo(429);
                assertThat(turn.json().get("code").asText()).isEqualTo("rate_limited");
                assertThat(turn.headers().get("retry-after")).singleElement()
                        .satisfies(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
                assertThat(turn.headers().get("ratelimit")).singleElement().asString().contains("limit=5");
                refusedBy.add(i % 2);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertThat(refusedBy).as("both instances refused").hasSize(2);
            assertThat((long) passed).isBetween(5L, TokenBucketBounds.mostAllowed(5, Duration.ofMinutes(1), elapsed));
            assertThat(two.b.get("/v1/ai/chats/" + chatId + "/messages", alice).json().get("items")).hasSize(2 * passed);
        }
    }

    @Test
    void aClientThatReconnectsToTheOtherInstanceGetsTheEventsItMissed() {
        // a slow answer and a short grace: had A not known its client resumed on B, it would cancel the turn
        try (TwoInstances two = TwoInstances.start(dir, Map.of("AI_STUB_DELTA_DELAY_MS", "300",
                "AI_SSE_DISCONNECT_GRACE_MS", "1000", "AI_SSE_HEARTBEAT_MS", "200"))) {
            String alice = RunningServer.adminToken("alice");
            String chatId = two.a.post("/v1/ai/chats", alice, "{}").json().get("id").asText();
            StringBuilder text = new StringBuilder();
            String lastSeen;
            try (SseStream onA = SseStream.post(two.a.server.port(), "/v1/ai/chats/" + chatId + "/messages", alice,
                    "{\"content\":\"Please tell me a few words about the tyres in stock today\"}")) {
                assertThat(onA.next(WAIT).name()).isEqualTo("message");
                SseStream.Event delta = onA.next("delta", WAIT);
                text.append(delta.data().get("text").asText());
                lastSeen = delta.id();
            } // the connection to A breaks mid-answer

            List<SseStream.Event> rest;
            try (SseStream onB = SseStream.resume(two.b.server.port(), chatId, alice, lastSeen)) {
                assertThat(onB.status()).isEqualTo(200);
                rest = onB.rest(WAIT);
            }

            String key = lastSeen.substring(0, lastSeen.lastIndexOf(':'));
            long seq = Long.parseLong(lastSeen.substring(lastSeen.lastIndexOf(':') + 1));
            for (SseStream.Event event : rest) {
                assertThat(event.id()).as("in order, none missed or repeated").isEqualTo(key + ":" + ++seq);
                if (event.name().equals("delta")) {
                    text.append(event.data().get("text").asText());
                }
            }
            SseStream.Event last = rest.get(rest.size() - 1);
            assertThat(last.name()).as("the turn ran to its end on A").isEqualTo("done");
            assertThat(rest).filteredOn(e -> e.name().equals("delta")).as("B missed nothing live").hasSizeGreaterThan(2);
            String stored = last.data().at("/assistantMessage/content").asText();
            assertThat(text.toString()).isEqualTo(stored);
            JsonNode messages = two.b.get("/v1/ai/chats/" + chatId + "/messages", alice).json().get("items");
            assertThat(messages.get(1).at("/metadata/outcome").asText()).isEqualTo("completed");
            assertThat(messages.get(1).get("content").asText()).isEqualTo(stored);
        }
    }
}
