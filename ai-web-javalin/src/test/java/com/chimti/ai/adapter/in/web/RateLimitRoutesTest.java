package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.service.turn.AdmissionSettings;
import com.chimti.ai.core.service.turn.TurnAdmission;
import com.chimti.ai.core.testing.OneShotFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Our own limits over HTTP: the request past the configured count is a 429 with Retry-After and RateLimit. */
class RateLimitRoutesTest extends WebTestBase {
    private static final int PER_MINUTE = 3;

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        TurnAdmission admission = new TurnAdmission(core.rateLimiter, new AdmissionSettings(PER_MINUTE, 0, 0, 0, 1, 8,
                Duration.ZERO, Duration.ofSeconds(5)));
        converse = core.conversationService(admission);
        oneShot = OneShotFixture.service(core, OneShotFixture.SMALL_CAPS, admission);
        return builder;
    }

    @Test
    void theTurnPastTheConfiguredCountIsRefusedWithRetryAfterAndRateLimitHeadersAndNothingStored() {
        String chatId = createChat(adminToken, "{}");
        String path = "/v1/ai/chats/" + chatId + "/messages";
        for (int i = 0; i < PER_MINUTE; i++) {
            assertThat(post(path, adminToken, "{\"content\":\"hi\"}").statusCode()).isEqualTo(200);
        }
        Rows before = rows();
        int calls = core.provider.requests().size();

        HttpResponse<String> refused = post(path, adminToken, "{\"content\":\"hi\"}");

        assertProblem(refused, 429, "rate_limited");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(refused.headers().firstValue("RateLimit"))
                .hasValue("limit=" + PER_MINUTE + ", remaining=0, reset=" + retryAfter);
        assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue(PER_MINUTE + ";w=60");
        assertThat(rows()).isEqualTo(before);
        assertThat(core.provider.requests()).hasSize(calls);

        // a streaming request is refused before its stream opens: the same 429, not an error event
        HttpResponse<String> streaming = send(request(path, adminToken).header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"content\":\"hi\"}")));
        assertProblem(streaming, 429, "rate_limited");
        assertThat(streaming.headers().firstValue("RateLimit-Policy")).hasValue(PER_MINUTE + ";w=60");

        // the one-shot endpoint counts against the same per-user budget
        HttpResponse<String> oneShot = post("/chat", adminToken, "{\"mode\":\"chat\",\"message\":\"hi\"}");
        assertProblem(oneShot, 429, "rate_limited");
        assertThat(oneShot.headers().firstValue("Retry-After")).isPresent();
    }
}
