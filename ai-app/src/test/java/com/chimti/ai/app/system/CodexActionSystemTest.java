package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model only proposes: through the HTTP contract, with the real pinned Codex CLI (app-server mode) calling
 * the {@code propose_action} tool against a fake OpenAI. A proposal shows up as an SSE {@code action} event and in
 * {@code GET /v1/ai/actions}; the user confirms it once (200 executed), never twice (409); a proposal outside the
 * caller's scope is rejected, the model hears why, and it cannot be confirmed.
 */
class CodexActionSystemTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private FakeOpenAiServer openAi;
    private RunningServer server;
    private final String alice = RunningServer.adminToken("alice");

    @BeforeEach
    void start() {
        openAi = new FakeOpenAiServer();
        Map<String, String> env = CodexServerFixture.codexEnv(openAi, dataDir);
        env.put("AI_TURN_TIMEOUT_MS", "60000");
        server = RunningServer.start(dataDir.resolve("server"), env);
        CodexServerFixture.loginWithApiKey(server, alice);
    }

    @AfterEach
    void stop() {
        CodexServerFixture.stopAll(server, openAi);
    }

    private static String proposal(String title, String brandId) {
        return "{\"actionType\":\"create_task_note\",\"input\":{\"title\":\"" + title + "\",\"brandId\":\""
                + brandId + "\"}}";
    }

    /** Runs one streamed turn; returns its {@code action} events and the {@code done} event's data. */
    private record Turn(List<JsonNode> actions, JsonNode done) {
    }

    private Turn streamedTurn(String chatId, String content) {
        try (SseStream stream = SseStream.post(server.server.port(), "/v1/ai/chats/" + chatId + "/messages", alice,
                "{\"content\":\"" + content + "\"}")) {
            assertThat(stream.status()).isEqualTo(200);
            List<SseStream.Event> events = stream.rest(WAIT);
            assertThat(events.get(0).name()).isEqualTo("message");
            SseStream.Event last = events.get(events.size() - 1);
            assertThat(last.name()).as(String.valueOf(last.data())).isEqualTo("done");
            return new Turn(events.stream().filter(e -> e.name().equals("action")).map(e -> e.data().get("action"))
                    .toList(), last.data());
        }
    }

    @Test
    void theModelProposesTheUserConfirmsOnceAndAnOutOfScopeProposalIsRejected() {
        String chatId = server.post("/v1/ai/chats", alice, "{\"title\":\"follow-ups\",\"brandId\":\"brand-1\"}")
                .json().get("id").asText();

        // the model calls propose_action during a streamed chat turn
        openAi.proposeOnNextTurn("propose_action", proposal("Call the tyre supplier", "brand-1"));
        Turn turn = streamedTurn(chatId, "Remind me to call the tyre supplier");

        assertThat(turn.actions()).hasSize(1);
        JsonNode action = turn.actions().get(0);
        String actionId = action.get("id").asText();
        assertThat(action.get("actionType").asText()).isEqualTo("create_task_note");
        assertThat(action.get("status").asText()).isEqualTo("proposed");
        assertThat(action.get("chatId").asText()).isEqualTo(chatId);
        assertThat(action.at("/input/title").asText()).isEqualTo("Call the tyre supplier");
        JsonNode answer = turn.done().get("assistantMessage");
        assertThat(answer.at("/metadata/actionIds/0").asText()).isEqualTo(actionId);
        // the answer went on after the tool result, which told the model the action awaits confirmation
        assertThat(answer.get("content").asText()).contains(actionId).contains("awaits the user's confirmation");
        assertThat(openAi.lastOfferedTools()).contains("propose_action");

        JsonNode stored = server.get("/v1/ai/chats/" + chatId + "/messages", alice).json().get("items");
        assertThat(stored.get(stored.size() - 1).at("/metadata/actionIds/0").asText()).isEqualTo(actionId);

        JsonNode listed = server.get("/v1/ai/actions?chatId=" + chatId, alice).json().get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(actionId);
        assertThat(listed.get(0).get("status").asText()).isEqualTo("proposed");

        RunningServer.Response confirmed = server.post("/v1/ai/actions/" + actionId + "/confirm", alice, "{}");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asText()).isEqualTo("executed");
        assertThat(confirmed.json().at("/result/taskNoteId").asText()).isNotBlank();
        RunningServer.Response again = server.post("/v1/ai/actions/" + actionId + "/confirm", alice, "{}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("conflict");

        // a proposal for a brand outside alice's scope is recorded as rejected, and the model hears why
        openAi.proposeOnNextTurn("propose_action", proposal("Call someone else's supplier", "brand-9"));
        Turn outside = streamedTurn(chatId, "And one for the other brand");

        assertThat(outside.actions()).hasSize(1);
        JsonNode rejected = outside.actions().get(0);
        assertThat(rejected.get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.at("/result/reason").asText()).isEqualTo("out_of_scope");
        assertThat(outside.done().at("/assistantMessage/content").asText()).contains("out_of_scope");
        RunningServer.Response refused = server.post("/v1/ai/actions/" + rejected.get("id").asText() + "/confirm",
                alice, "{}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(server.get("/v1/ai/actions/" + rejected.get("id").asText(), alice).json().get("status").asText())
                .isEqualTo("rejected");
    }
}
