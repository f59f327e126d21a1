package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.apibuilder.ApiBuilder;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Request observers see the route template (null when none matched) and status of every answer; handlers log under the request id. */
class RequestObserverTest extends WebTestBase {
    record Seen(String method, String route, int status, String requestIdInMdc) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        return builder
                .requestObserver((method, requestId) -> (route, status) ->
                        seen.add(new Seen(method, route, status, MDC.get(RequestLogContext.MDC_KEY))))
                // reports the MDC its handler ran with
                .routes(() -> ApiBuilder.get("/v1/test/mdc/{probe}", ctx -> ctx.result(String.valueOf(
                        MDC.get(RequestLogContext.MDC_KEY)))));
    }

    @BeforeEach
    void forget() {
        seen.clear();
    }

    @Test
    void theRouteIsTheTemplateNeverThePath() {
        HttpResponse<String> chat = get("/v1/ai/chats/chat-7f3a", adminToken);
        get("/definitely/not/a/route-5b1c", adminToken);

        assertThat(seen).extracting(Seen::method, Seen::route, Seen::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET", "/v1/ai/chats/{chatId}", chat.statusCode()),
                org.assertj.core.groups.Tuple.tuple("GET", null, 404));
    }

    @Test
    void refusedRequestsAreObservedWithTheirStatus() {
        post("/v1/ai/chats", adminToken, "{not json");
        get("/v1/ai/chats", null);

        // the token check runs before routing: a request it refuses has no route yet
        assertThat(seen).extracting(Seen::route, Seen::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/v1/ai/chats", 400),
                org.assertj.core.groups.Tuple.tuple(null, 401));
    }

    @Test
    void handlersAndObserversRunWithTheRequestIdInTheMdc() {
        HttpResponse<String> given = send(request("/v1/test/mdc/1", adminToken).header("X-Request-Id", "rid-given").GET());
        HttpResponse<String> fresh = get("/v1/test/mdc/2", adminToken);

        assertThat(given.body()).isEqualTo("rid-given");
        String freshId = fresh.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(fresh.body()).as("a new id, not the previous request's").isEqualTo(freshId);
        assertThat(seen).extracting(Seen::requestIdInMdc).containsExactly("rid-given", freshId);
    }
}
