package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.testing.Callers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class AccountRoutesTest extends WebTestBase {

    private String tokenFor(String user) {
        return TestTokens.valid(Callers.aCaller().user(user).build());
    }

    @Test
    void statusOfANewCallerIsDisconnectedWithEveryFieldPresent() {
        HttpResponse<String> response = get("/v1/ai/account?provider=fake", tokenFor("fresh"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode account = json(response);
        assertThat(account.get("provider").asText()).isEqualTo("fake");
        assertThat(account.get("status").asText()).isEqualTo("disconnected");
        assertThat(account.get("model").asText()).isEqualTo("fake-1");
        for (String field : new String[] {"authMode", "plan", "email", "limits", "error"}) {
            assertThat(account.has(field)).as(field).isTrue();
            assertThat(account.get(field).isNull()).as(field).isTrue();
        }
    }

    @Test
    void deviceLoginIsPendingUntilApprovedThenConnected() {
        String token = tokenFor("device-user");
        HttpResponse<String> started = post("/v1/ai/account/login", token, "{\"method\":\"device\"}");
        assertThat(started.statusCode()).isEqualTo(202);
        JsonNode pending = json(started);
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("verificationUrl").asText()).startsWith("https://");
        assertThat(pending.get("userCode").asText()).isEqualTo("ABCD-1234");
        assertThat(pending.get("expiresAt").asText()).endsWith("Z");
        String loginId = pending.get("loginId").asText();

        assertThat(json(get("/v1/ai/account/login/" + loginId, token)).get("status").asText()).isEqualTo("pending");
        core.provider.approve(new LoginId(loginId));
        JsonNode poll = json(get("/v1/ai/account/login/" + loginId, token));
        assertThat(poll.get("status").asText()).isEqualTo("connected");
        assertThat(poll.has("error")).isTrue();
        assertThat(json(get("/v1/ai/account", token)).get("status").asText()).isEqualTo("connected");
    }

    @Test
    void pendingLoginCanBeCancelled() {
        String token = tokenFor("canceller");
        String loginId = json(post("/v1/ai/account/login", token, "{}")).get("loginId").asText();
        assertThat(delete("/v1/ai/account/login/" + loginId, token).statusCode()).isEqualTo(204);
        assertThat(json(get("/v1/ai/account/login/" + loginId, token)).get("status").asText())
                .isEqualTo("cancelled");
    }

    @Test
    void anotherUsersLoginIsNotFound() {
        String loginId = json(post("/v1/ai/account/login", tokenFor("login-owner"), "{}")).get("loginId").asText();
        assertProblem(get("/v1/ai/account/login/" + loginId, adminToken), 404, "not_found");
        assertProblem(delete("/v1/ai/account/login/" + loginId, adminToken), 404, "not_found");
    }

    @Test
    void apiKeyLoginConnectsAtOnceAndNeverEchoesTheKey() {
        String token = tokenFor("key-user");
        HttpResponse<String> response = post("/v1/ai/account/login", token,
                "{\"method\":\"apiKey\",\"apiKey\":\"sk-very-secret\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("connected");
        assertThat(response.body()).doesNotContain("sk-very-secret");
    }

    @Test
    void switchSignsOutAndStartsANewLogin() {
        String token = tokenFor("switcher");
        post("/v1/ai/account/login", token, "{\"method\":\"apiKey\",\"apiKey\":\"sk-1\"}");
        HttpResponse<String> switched = post("/v1/ai/account/switch", token, "{\"provider\":\"fake\"}");
        assertThat(switched.statusCode()).isEqualTo(202);
        assertThat(json(switched).get("status").asText()).isEqualTo("pending");
        assertThat(json(get("/v1/ai/account", token)).get("status").asText()).isEqualTo("disconnected");
    }

    @Test
    void logoutDisconnects() {
        String token = tokenFor("leaver");
        post("/v1/ai/account/login", token, "{\"method\":\"apiKey\",\"apiKey\":\"sk-1\"}");
        HttpResponse<String> logout = post("/v1/ai/account/logout", token, "");
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(json(get("/v1/ai/account", token)).get("status").asText()).isEqualTo("disconnected");
    }

    @Test
    void unknownLoginMethodIsBadRequest() {
        assertProblem(post("/v1/ai/account/login", adminToken, "{\"method\":\"sms\"}"), 400, "validation_failed");
    }

    @Test
    void apiKeyMethodWithoutAKeyIsBadRequest() {
        assertProblem(post("/v1/ai/account/login", adminToken, "{\"method\":\"apiKey\"}"), 400,
                "validation_failed");
    }

    @Test
    void malformedProviderIsBadRequest() {
        assertProblem(get("/v1/ai/account?provider=NOT%20A%20NAME", adminToken), 400, "validation_failed");
    }

    @Test
    void callerWithoutAiAccessCannotLogIn() {
        String noAi = TestTokens.valid(Callers.aCaller().user("no-ai").modules().build());
        assertProblem(post("/v1/ai/account/login", noAi, "{}"), 403, "ai_not_enabled");
        assertProblem(get("/v1/ai/account", noAi), 403, "ai_not_enabled");
        // checked before the body is read
        assertProblem(post("/v1/ai/account/login", noAi, "{\"method\":"), 403, "ai_not_enabled");
        assertProblem(post("/v1/ai/account/switch", noAi, "{\"method\":\"carrier-pigeon\"}"), 403,
                "ai_not_enabled");
        assertProblem(post("/v1/ai/account/logout", noAi, "[]"), 403, "ai_not_enabled");
    }
}
