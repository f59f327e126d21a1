package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cap on live Codex CLI processes through HTTP, with the real pinned CLI: at a cap of one process and no
 * queue, a second user's message while the first user's turn runs is refused with a plain 429 before anything
 * is stored, and is served once the turn has ended (the first user's then idle app-server makes room).
 */
class ProcessCapSystemTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private FakeOpenAiServer openAi;
    private RunningServer server;
    private final String alice = RunningServer.adminToken("alice");
    private final String bob = RunningServer.adminToken("bob");

    @BeforeEach
    void startFake() {
        openAi = new FakeOpenAiServer();
        openAi.reply("Forty tyres.");
    }

    @AfterEach
    void stopAll() {
        openAi.releaseHeld();
        CodexServerFixture.stopAll(server, openAi);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app-server", "exec"})
    void pastTheCapAMessageIsRefusedWith429AndStoresNothing(String mode) {
        Map<String, String> env = CodexServerFixture.codexEnv(openAi, dataDir);
        env.put("CODEX_EXEC_MODE", mode);
        env.put("AI_TURN_TIMEOUT_MS", "60000");
        env.put("CODEX_MAX_PROCESSES", "1");
        env.put("CODEX_PROCESS_QUEUE_LENGTH", "0");
        server = RunningServer.start(dataDir.resolve("server"), env);
        for (String user : new String[] {alice, bob}) {
            RunningServer.Response login = server.post("/v1/ai/account/login", user,
                    "{\"method\":\"apiKey\",\"apiKey\":\"sk-test-key-0123456789abcdef\"}");
            assertThat(login.status()).as(login.body()).isEqualTo(200);
        }
        String aliceChat = server.newChat(alice);
        String bobChat = server.newChat(bob);

        openAi.holdAfterDeltas(1);
        try (SseStream aliceTurn = SseStream.post(server.server.port(), "/v1/ai/chats/" + aliceChat + "/messages",
                alice, "{\"content\":\"How many tyres?\"}")) {
            assertThat(aliceTurn.status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> openAi.holding() == 1);

            RunningServer.Response refused = server.post("/v1/ai/chats/" + bobChat + "/messages", bob,
                    "{\"content\":\"And rims?\"}");

            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.json().get("code").asText()).isEqualTo("rate_limited");
            assertThat(refused.headers().get("retry-after")).singleElement().isEqualTo("5");
            assertThat(server.get("/v1/ai/chats/" + bobChat + "/messages", bob).json().get("items")).isEmpty();

            openAi.releaseHeld();
            assertThat(aliceTurn.next("done", WAIT).name()).isEqualTo("done");
        }

        RunningServer.Response served = server.post("/v1/ai/chats/" + bobChat + "/messages", bob,
                "{\"content\":\"And rims?\"}");
        assertThat(served.status()).as(served.body()).isEqualTo(200);
        assertThat(served.json().at("/assistantMessage/content").asText()).isEqualTo("Forty tyres.");
    }
}
