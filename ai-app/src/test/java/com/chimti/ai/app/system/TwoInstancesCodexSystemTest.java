package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.adapter.out.codex.CodexProvider;
import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers with the real Codex CLI (against the fake OpenAI) on one external PostgreSQL and one profile
 * volume: one user's Codex never runs on both at once, and an erasure on one stops it on the other. Skipped without the server at 127.0.0.1:5432, failed
 * instead when AI_TEST_EXTERNAL_PG=required.
 */
class TwoInstancesCodexSystemTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REPLY = "Both locations together hold forty tyres.";

    @TempDir
    Path dir;

    private FakeOpenAiServer openAi;
    private TwoInstances two;
    private final String alice = RunningServer.adminToken("alice");

    @BeforeEach
    void startBoth() {
        openAi = new FakeOpenAiServer();
        openAi.reply(REPLY);
        Map<String, String> env = CodexServerFixture.codexEnv(openAi, dir);
        env.put("AI_TURN_TIMEOUT_MS", "60000");
        two = TwoInstances.start(dir, env);
    }

    @AfterEach
    void stopAll() {
        try {
            if (two != null) {
                two.close();
            }
        } finally {
            openAi.close();
        }
        assertThat(CodexServerFixture.codexProcesses()).as("no Codex CLI outlives the servers").isEmpty();
    }

    /** Alice connects Codex on A; her credentials land on the profile volume both instances share. */
    private void loginOnA() {
        RunningServer.Response login = two.a.post("/v1/ai/account/login", alice,
                "{\"method\":\"apiKey\",\"apiKey\":\"sk-alice-shared-volume-0123456789ab\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
    }

    @Test
    void aUsersCodexTurnOnOneInstanceKeepsTheirTurnsOnTheOtherFromRunning() {
        loginOnA();
        String onA = two.a.post("/v1/ai/chats", alice, "{\"title\":\"on a\"}").json().get("id").asText();
        String onB = two.b.post("/v1/ai/chats", alice, "{\"title\":\"on b\"}").json().get("id").asText();
        openAi.holdAfterDeltas(2);

        try (SseStream running = SseStream.post(two.a.server.port(), "/v1/ai/chats/" + onA + "/messages", alice,
                "{\"content\":\"How many tyres?\"}")) {
            running.next("delta", WAIT);
            assertThat(openAi.finishedResponses()).as("A's Codex is mid-answer").isZero();

            RunningServer.Response refused = two.b.post("/v1/ai/chats/" + onB + "/messages", alice,
                    "{\"content\":\"And rims?\"}");

            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.json().get("code").asText()).isEqualTo("rate_limited");
            assertThat(refused.json().get("detail").asText()).contains("another server");
            assertThat(refused.headers().get("retry-after")).singleElement().isEqualTo("5");
            assertThat(openAi.requestsTo("/v1/responses")).as("B's Codex never asked the model").hasSize(1);

            openAi.releaseHeld();
            JsonNode done = running.next("done", WAIT).data();
            assertThat(done.at("/assistantMessage/content").asText()).isEqualTo(REPLY);
        }

        // A's turn is over: B runs alice's Codex on the credentials A's login left on the shared volume
        await().atMost(WAIT).untilAsserted(() -> {
            RunningServer.Response turn = two.b.post("/v1/ai/chats/" + onB + "/messages", alice,
                    "{\"content\":\"And rims?\"}");
            assertThat(turn.status()).as(turn.body()).isEqualTo(200);
            assertThat(turn.json().at("/assistantMessage/content").asText()).isEqualTo(REPLY);
        });
        assertThat(two.a.get("/v1/ai/chats/" + onA + "/messages", alice).json().get("items")).hasSize(2);
    }

    @Test
    void aCancelThatReachesTheOtherInstanceStopsTheTurn() {
        loginOnA();
        String chat = two.a.post("/v1/ai/chats", alice, "{\"title\":\"on a\"}").json().get("id").asText();
        openAi.holdAfterDeltas(2);

        try (SseStream running = SseStream.post(two.a.server.port(), "/v1/ai/chats/" + chat + "/messages", alice,
                "{\"content\":\"How many tyres?\"}")) {
            running.next("delta", WAIT);

            RunningServer.Response cancel = two.b.post("/v1/ai/chats/" + chat + "/cancel", alice, "");
            assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
            assertThat(cancel.json().get("cancelled").asBoolean()).isTrue();
            assertThat(running.next("error", WAIT).data().get("code").asText()).isEqualTo("cancelled");
        } finally {
            openAi.releaseHeld();
        }
        JsonNode stored = two.b.get("/v1/ai/chats/" + chat + "/messages", alice).json().get("items");
        assertThat(stored).hasSize(2);
        assertThat(stored.get(1).at("/metadata/outcome").asText()).isEqualTo("cancelled");
        // nothing runs any more: a second cancel, from either instance, finds nothing
        assertThat(two.b.post("/v1/ai/chats/" + chat + "/cancel", alice, "").json().get("cancelled").asBoolean())
                .isFalse();
    }

    @Test
    void anErasureOnOneInstanceStopsTheUsersWarmCodexOnTheOtherAndItsProfileStaysGone() throws IOException {
        loginOnA();
        String onB = two.b.post("/v1/ai/chats", alice, "{\"title\":\"on b\"}").json().get("id").asText();
        await().atMost(WAIT).untilAsserted(() -> {
            RunningServer.Response turn = two.b.post("/v1/ai/chats/" + onB + "/messages", alice,
                    "{\"content\":\"How many tyres?\"}");
            assertThat(turn.status()).as(turn.body()).isEqualTo(200);
        });
        // every Codex here is alice's (both instances run in this JVM); B's app-server stays warm after its turn
        List<ProcessHandle> alicesCodex = CodexServerFixture.codexProcesses();
        assertThat(alicesCodex).as("alice's warm app-server on B").isNotEmpty();
        String profile = two.a.server.instance(CodexProvider.class)
                .profileId(new TenantUser(new ClientId("client-1"), new UserId("alice")));
        assertThat(pathsNaming(dir, profile)).isNotEmpty();
        String platformAdmin = RunningServer.token("root", "platform", List.of(), List.of("PLATFORM_ADMIN"), false);

        RunningServer.Response erased = two.a.delete("/v1/ai/admin/clients/client-1/users/alice", platformAdmin);

        assertThat(erased.status()).as(erased.body()).isEqualTo(204);
        // A answered only after B stopped alice's processes: nothing of hers runs or is left on the volume
        assertThat(alicesCodex).noneMatch(ProcessHandle::isAlive);
        assertThat(CodexServerFixture.codexProcesses()).isEmpty();
        assertThat(pathsNaming(dir, profile)).as("paths naming alice's profile").isEmpty();
        assertThat(two.b.get("/v1/ai/chats/" + onB, alice).status()).isEqualTo(404);
        assertThat(two.b.get("/v1/ai/account", alice).json().get("status").asText()).isEqualTo("disconnected");
    }

    private static List<Path> pathsNaming(Path root, String name) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> path.toString().contains(name)).toList();
        }
    }

    @Test
    void aDeviceLoginStartedOnOneInstanceIsPolledAndCancelledOnTheOther() {
        RunningServer.Response started = two.a.post("/v1/ai/account/login", alice, "{\"method\":\"device\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String loginId = started.json().get("loginId").asText();
        String userCode = started.json().get("userCode").asText();
        assertThat(status(two.b, loginId)).isEqualTo("pending");
        assertThat(two.a.get("/v1/ai/account", alice).json().get("status").asText()).isEqualTo("login_pending");

        assertThat(two.b.delete("/v1/ai/account/login/" + loginId, alice).status()).isEqualTo(204);

        assertThat(status(two.b, loginId)).isEqualTo("cancelled");
        assertThat(status(two.a, loginId)).isEqualTo("cancelled");
        // A, whose app-server runs the sign-in, notices the cancel and stops it
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                two.a.get("/v1/ai/account", alice).json().get("status").asText()).isEqualTo("disconnected"));

        // the cancelled code no longer connects anything, while a new login (started on B) still does
        openAi.approve(userCode, "alice@example.com", "plus");
        RunningServer.Response again = two.b.post("/v1/ai/account/login", alice, "{\"method\":\"device\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        String secondId = again.json().get("loginId").asText();
        openAi.approve(again.json().get("userCode").asText(), "alice@example.com", "plus");
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(two.a, secondId)).isEqualTo("connected"));
        assertThat(status(two.a, loginId)).as("the cancelled login stays cancelled").isEqualTo("cancelled");
        assertThat(openAi.issuedAccessTokens()).as("only the second code got tokens").hasSize(1);
    }

    private String status(RunningServer server, String loginId) {
        RunningServer.Response response = server.get("/v1/ai/account/login/" + loginId, alice);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("status").asText();
    }
}
