package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.testing.Callers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class AuthenticationTest extends WebTestBase {
    private static final String NEW_CHAT = "{\"title\":\"t\"}";

    private void assertRefused(String token, int status, String code) {
        Rows before = rows();
        assertProblem(post("/v1/ai/chats", token, NEW_CHAT), status, code);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void missingTokenIsUnauthenticated() {
        assertRefused(null, 401, "unauthenticated");
    }

    @Test
    void nonBearerSchemeIsUnauthenticated() {
        Rows before = rows();
        HttpResponse<String> response = send(request("/v1/ai/chats", null)
                .header("Authorization", "Basic dTpw").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertProblem(response, 401, "unauthenticated");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void expiredTokenIsUnauthenticated() {
        assertRefused(TestTokens.expired(admin), 401, "unauthenticated");
    }

    @Test
    void wronglySignedTokenIsUnauthenticated() {
        assertRefused(TestTokens.wronglySigned(admin), 401, "unauthenticated");
    }

    @Test
    void algNoneTokenIsUnauthenticated() {
        assertRefused(TestTokens.algNone(admin), 401, "unauthenticated");
    }

    @Test
    void tokenWithoutClientIdIsUnauthenticated() {
        assertRefused(TestTokens.edited(admin, claims -> claims.claim("client_id", null)), 401, "unauthenticated");
    }

    @Test
    void tokenWithoutSubjectIsUnauthenticated() {
        assertRefused(TestTokens.edited(admin, claims -> claims.subject(null)), 401, "unauthenticated");
    }

    @Test
    void garbageTokenIsUnauthenticated() {
        assertRefused("not.a.jwt", 401, "unauthenticated");
    }

    @Test
    void clientWithoutAiModuleIsNotEnabled() {
        Caller noModule = Callers.aCaller().modules("crm").build();
        assertRefused(TestTokens.valid(noModule), 403, "ai_not_enabled");
    }

    @Test
    void storeRoleWithoutAiAccessIsNotEnabled() {
        Caller store = Callers.aCaller().roles(Role.STORE).aiAccess(false).build();
        assertRefused(TestTokens.valid(store), 403, "ai_not_enabled");
    }

    @Test
    void storeRoleWithAiAccessMayUseAi() {
        Caller store = Callers.aCaller().user("store-1").roles(Role.STORE).aiAccess(true).build();
        assertThat(post("/v1/ai/chats", TestTokens.valid(store), NEW_CHAT).statusCode()).isEqualTo(201);
    }

    @Test
    void unknownRolesInTheTokenAreIgnored() {
        String token = TestTokens.edited(admin, claims -> claims.claim("roles", java.util.List.of("BRAND_ADMIN",
                "SPACE_CAPTAIN")));
        assertThat(get("/v1/ai/chats", token).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRouteIsNotFoundForAnAuthenticatedCaller() {
        assertProblem(get("/v1/ai/nothing-here", adminToken), 404, "not_found");
    }

    @Test
    void unknownRouteNeedsATokenFirst() {
        assertProblem(get("/v1/ai/nothing-here", null), 401, "unauthenticated");
    }

    @Test
    void saneRequestIdIsEchoed() {
        HttpResponse<String> response = send(request("/v1/ai/chats", adminToken).header("X-Request-Id", "abc-123"));
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("abc-123");
    }

    @Test
    void insaneRequestIdIsReplaced() {
        HttpResponse<String> response = send(request("/v1/ai/chats", null).header("X-Request-Id", "a b\"<script>"));
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(json(response).get("requestId").asText()).isEqualTo(id);
    }
}
