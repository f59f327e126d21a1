package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.action.TaskNote;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.service.action.CreateTaskNoteHandler;
import com.chimti.ai.core.service.action.DraftCustomerMessageHandler;
import com.chimti.ai.core.testing.Callers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ActionRoutesTest extends WebTestBase {
    private static final String MASS_ASSIGNMENT = "{\"status\":\"executed\",\"clientId\":\"c-evil\","
            + "\"balance\":1000000,\"userId\":\"u-evil\",\"result\":{\"taskNoteId\":\"forged\"},"
            + "\"input\":{\"brandId\":\"b9\"}}";

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        // chat turns offer the fixture's actions, so a scripted model can propose during a streamed turn
        converse = core.conversationServiceWithActions();
        return builder.actions(core.actionService);
    }

    @Test
    void aProposalDuringAStreamedTurnIsAnActionEventAndListedOnTheAnswer() {
        Caller me = Callers.aCaller().user("stream-user").build();
        String token = TestTokens.valid(me);
        String chatId = createChat(token, "{\"brandId\":\"b1\"}");
        core.provider.proposing(CreateTaskNoteHandler.TYPE, Map.of("title", "Call back", "brandId", "b1"));

        HttpResponse<String> response = send(request("/v1/ai/chats/" + chatId + "/messages", token)
                .header("Accept", "text/event-stream").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"content\":\"note it\"}")));

        assertThat(response.statusCode()).isEqualTo(200);
        SseEvents events = SseEvents.parse(response.body());
        assertThat(events.names()).containsExactly("message", "action", "delta", "usage", "done");
        JsonNode action = events.first("action").data().get("action");
        assertThat(action.get("actionType").asText()).isEqualTo(CreateTaskNoteHandler.TYPE);
        assertThat(action.get("status").asText()).isEqualTo("proposed");
        assertThat(action.get("chatId").asText()).isEqualTo(chatId);
        assertThat(action.get("input").get("title").asText()).isEqualTo("Call back");
        String id = action.get("id").asText();
        JsonNode answer = events.first("done").data().get("assistantMessage");
        assertThat(answer.get("metadata").get("actionIds").toString()).isEqualTo("[\"" + id + "\"]");
        assertThat(answer.get("content").asText()).contains("awaits the user's confirmation");
        assertThat(json(get("/v1/ai/actions/" + id, token)).get("status").asText()).isEqualTo("proposed");
    }

    private AiAction proposeNote(Caller caller, ChatId chatId) {
        return core.actionService.propose(caller, chatId, CreateTaskNoteHandler.TYPE,
                Map.of("title", "Call the supplier", "brandId", "b1", "locationId", "l1"));
    }

    @Test
    void listsTheCallersActionsInTheContractShape() {
        Caller me = Callers.aCaller().user("list-user").build();
        String token = TestTokens.valid(me);
        String chatId = createChat(token, "{\"brandId\":\"b1\"}");
        AiAction inChat = proposeNote(me, new ChatId(chatId));
        AiAction elsewhere = core.actionService.propose(me, null, "run_shell", Map.of("command", "ls"));

        JsonNode all = json(get("/v1/ai/actions", token));
        assertThat(list(all.get("items"), "id")).containsExactlyInAnyOrder(inChat.id().value(),
                elsewhere.id().value());

        JsonNode byChat = json(get("/v1/ai/actions?chatId=" + chatId, token));
        assertThat(byChat.get("items")).hasSize(1);
        JsonNode item = byChat.get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo(inChat.id().value());
        assertThat(item.get("chatId").asText()).isEqualTo(chatId);
        assertThat(item.get("actionType").asText()).isEqualTo("create_task_note");
        assertThat(item.get("status").asText()).isEqualTo("proposed");
        assertThat(item.get("input").get("title").asText()).isEqualTo("Call the supplier");
        assertThat(item.get("result").isObject()).isTrue();
        assertThat(Instant.parse(item.get("createdAt").asText())).isNotNull();
        assertThat(item.get("completedAt").isNull()).isTrue();

        JsonNode other = json(get("/v1/ai/actions", TestTokens.valid(Callers.aCaller().user("nobody").build())));
        assertThat(other.get("items")).isEmpty();
    }

    @Test
    void confirmRunsTheActionAndIgnoresMassAssignedFields() {
        Caller me = Callers.aCaller().user("confirm-user").build();
        AiAction proposed = proposeNote(me, null);

        HttpResponse<String> response = post("/v1/ai/actions/" + proposed.id() + "/confirm", TestTokens.valid(me),
                MASS_ASSIGNMENT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("executed");
        assertThat(Instant.parse(body.get("completedAt").asText())).isNotNull();
        TaskNote note = core.taskNotes.findByAction(proposed.id()).orElseThrow();
        assertThat(body.get("result").get("taskNoteId").asText()).isEqualTo(note.id()).isNotEqualTo("forged");
        assertThat(note.clientId()).isEqualTo(me.clientId());
        assertThat(note.userId()).isEqualTo(me.userId());
        assertThat(note.brandId().value()).isEqualTo("b1");
        assertThat(body.get("input").get("brandId").asText()).isEqualTo("b1");

        assertProblem(post("/v1/ai/actions/" + proposed.id() + "/confirm", TestTokens.valid(me), "{}"), 409,
                "conflict");
    }

    @Test
    void rejectIgnoresMassAssignedFieldsAndARejectedActionCannotBeConfirmed() {
        Caller me = Callers.aCaller().user("reject-user").build();
        String token = TestTokens.valid(me);
        AiAction proposed = proposeNote(me, null);

        HttpResponse<String> response = post("/v1/ai/actions/" + proposed.id() + "/reject", token, MASS_ASSIGNMENT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("rejected");
        assertThat(json(response).get("result").get("reason").asText()).isEqualTo("rejected_by_user");
        JsonNode problem = assertProblem(post("/v1/ai/actions/" + proposed.id() + "/confirm", token, ""), 409,
                "conflict");
        assertThat(problem.get("detail").asText()).contains("rejected");
        assertThat(core.taskNotes.findByAction(proposed.id())).isEmpty();
    }

    @Test
    void aProposalRejectedByValidationCannotBeConfirmed() {
        Caller fieldUser = Callers.aCaller().user("field-user").roles(com.chimti.ai.core.domain.tenancy.Role.FIELD)
                .aiAccess(true).build();
        AiAction rejected = core.actionService.propose(fieldUser, null, DraftCustomerMessageHandler.TYPE,
                Map.of("customerName", "Ada", "channel", "email", "body", "hi", "brandId", "b1"));

        JsonNode listed = json(get("/v1/ai/actions", TestTokens.valid(fieldUser))).get("items").get(0);
        assertThat(listed.get("status").asText()).isEqualTo("rejected");
        assertThat(listed.get("result").get("reason").asText()).isEqualTo("role_not_allowed");
        assertProblem(post("/v1/ai/actions/" + rejected.id() + "/confirm", TestTokens.valid(fieldUser), ""), 409,
                "conflict");
        assertThat(core.messageDrafts.findByAction(rejected.id())).isEmpty();
    }

    @Test
    void anotherUsersActionIsNotFound() {
        Caller owner = Callers.aCaller().user("owner").build();
        String intruder = TestTokens.valid(Callers.aCaller().user("intruder").build());
        AiAction proposed = proposeNote(owner, null);

        assertProblem(post("/v1/ai/actions/" + proposed.id() + "/confirm", intruder, ""), 404, "not_found");
        assertProblem(post("/v1/ai/actions/" + proposed.id() + "/reject", intruder, ""), 404, "not_found");
        assertProblem(get("/v1/ai/actions/" + proposed.id(), intruder), 404, "not_found");
        assertProblem(post("/v1/ai/actions/no-such-action/confirm", intruder, ""), 404, "not_found");
        assertThat(json(get("/v1/ai/actions/" + proposed.id(), TestTokens.valid(owner))).get("status").asText())
                .isEqualTo("proposed");
    }

    @Test
    void actionRoutesNeedAToken() {
        assertProblem(get("/v1/ai/actions", null), 401, "unauthenticated");
        assertProblem(post("/v1/ai/actions/x/confirm", null, ""), 401, "unauthenticated");
    }

    @Test
    void twentyConcurrentConfirmsExecuteTheActionOnce() throws Exception {
        Caller me = Callers.aCaller().user("race-user").build();
        String token = TestTokens.valid(me);
        AiAction proposed = proposeNote(me, null);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return post("/v1/ai/actions/" + proposed.id() + "/confirm", token, MASS_ASSIGNMENT);
            }, pool));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            statuses.add(call.get().statusCode());
        }
        pool.shutdownNow();

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        assertThat(core.taskNotes.all()).filteredOn(n -> n.actionId().equals(proposed.id())).hasSize(1);
    }
}
