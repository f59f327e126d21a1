package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.testing.Callers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ModelRoutesTest extends WebTestBase {

    @Test
    void listsTheOfferedModelsAndTheCurrentOne() {
        HttpResponse<String> response = get("/v1/ai/models?provider=fake", adminToken);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode catalog = json(response);
        assertThat(catalog.get("provider").asText()).isEqualTo("fake");
        assertThat(catalog.get("current").asText()).isEqualTo("fake-1");
        JsonNode first = catalog.get("models").get(0);
        assertThat(first.get("id").asText()).isEqualTo("fake-1");
        assertThat(first.get("displayName").asText()).isEqualTo("Fake One");
        assertThat(first.get("isDefault").asBoolean()).isTrue();
        assertThat(catalog.get("models").get(1).get("isDefault").asBoolean()).isFalse();
    }

    @Test
    void choosesAnOfferedModel() {
        String token = TestTokens.valid(Callers.aCaller().user("chooser").build());
        HttpResponse<String> chosen = put("/v1/ai/models/current", token, "{\"model\":\"fake-2\"}");
        assertThat(chosen.statusCode()).isEqualTo(200);
        assertThat(json(chosen).get("provider").asText()).isEqualTo("fake");
        assertThat(json(chosen).get("current").asText()).isEqualTo("fake-2");
        assertThat(json(get("/v1/ai/models", token)).get("current").asText()).isEqualTo("fake-2");
    }

    @Test
    void modelNotOfferedIsBadRequest() {
        String token = TestTokens.valid(Callers.aCaller().user("picky").build());
        assertProblem(put("/v1/ai/models/current", token, "{\"model\":\"gpt-99\"}"), 400, "validation_failed");
        assertThat(json(get("/v1/ai/models", token)).get("current").asText()).isEqualTo("fake-1");
    }

    @Test
    void aCallerWithoutAiAccessIsForbiddenWhateverItSends() {
        String noAi = TestTokens.valid(Callers.aCaller().user("no-ai").modules().build());
        assertProblem(put("/v1/ai/models/current", noAi, "{\"model\":"), 403, "ai_not_enabled");
        assertProblem(put("/v1/ai/models/current", noAi, "{}"), 403, "ai_not_enabled");
    }

    @Test
    void missingModelIsBadRequest() {
        assertProblem(put("/v1/ai/models/current", adminToken, "{\"provider\":\"fake\"}"), 400,
                "validation_failed");
        assertProblem(put("/v1/ai/models/current", adminToken, ""), 400, "validation_failed");
    }

    @Test
    void unknownProviderIsBadRequest() {
        assertProblem(get("/v1/ai/models?provider=nosuch", adminToken), 400, "validation_failed");
    }
}
