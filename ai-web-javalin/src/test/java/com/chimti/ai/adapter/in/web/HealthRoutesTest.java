package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.routes.ReadinessCheck;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthRoutesTest extends WebTestBase {
    private final AtomicReference<Optional<String>> database = new AtomicReference<>(Optional.empty());
    private final AtomicBoolean cacheBroken = new AtomicBoolean();
    private final AtomicReference<Optional<String>> cliWarning = new AtomicReference<>(Optional.empty());

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        return builder.readinessCheck("database", database::get)
                .readinessCheck(new ReadinessCheck("provider-cli", Optional::empty, cliWarning::get))
                .readinessCheck("cache", () -> {
                    if (cacheBroken.get()) {
                        throw new IllegalStateException("cache at /var/run/secret.sock is gone");
                    }
                    return Optional.empty();
                })
                .routes(() -> {
                    io.javalin.apibuilder.ApiBuilder.get("/metrics", ctx -> ctx.result("ai_up 1\n"));
                    io.javalin.apibuilder.ApiBuilder.get("/v1/ai/whoami",
                            ctx -> ctx.result(AiWebServer.callerOf(ctx).userId().value()));
                });
    }

    @Test
    void healthzIsAlwaysOkWithoutAToken() {
        HttpResponse<String> response = get("/healthz", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void readyzIsOkWhenEveryCheckPasses() {
        database.set(Optional.empty());
        HttpResponse<String> response = get("/readyz", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("failing")).isEmpty();
    }

    @Test
    void readyzNamesTheFailingCheckButNotItsProblem() {
        database.set(Optional.of("cannot reach jdbc:postgresql://db:5432 as admin/hunter2"));
        try {
            HttpResponse<String> response = get("/readyz", null);
            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode body = json(response);
            assertThat(body.get("status").asText()).isEqualTo("not_ready");
            assertThat(body.get("failing").size()).isEqualTo(1);
            assertThat(body.get("failing").get(0).asText()).isEqualTo("database");
            assertThat(response.body()).doesNotContain("hunter2", "jdbc");
        } finally {
            database.set(Optional.empty());
        }
    }

    @Test
    void aPassingCheckMayCarryAWarningThatIsShown() {
        assertThat(json(get("/readyz", null)).get("warnings")).isEmpty();
        cliWarning.set(Optional.of("the CLI runs unconfined"));
        try {
            HttpResponse<String> response = get("/readyz", null);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode warning = json(response).get("warnings").get(0);
            assertThat(warning.get("check").asText()).isEqualTo("provider-cli");
            assertThat(warning.get("warning").asText()).isEqualTo("the CLI runs unconfined");
        } finally {
            cliWarning.set(Optional.empty());
        }
    }

    @Test
    void aCheckThatThrowsCountsAsFailing() {
        cacheBroken.set(true);
        try {
            HttpResponse<String> response = get("/readyz", null);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).get("failing").get(0).asText()).isEqualTo("cache");
            assertThat(response.body()).doesNotContain("secret", "IllegalState");
        } finally {
            cacheBroken.set(false);
        }
    }

    @Test
    void hostRoutesShareTheFiltersAndMetricsIsPublic() {
        assertThat(get("/metrics", null).body()).contains("ai_up 1");
        assertProblem(get("/v1/ai/whoami", null), 401, "unauthenticated");
        HttpResponse<String> whoami = get("/v1/ai/whoami", adminToken);
        assertThat(whoami.body()).isEqualTo("u1");
        assertThat(whoami.headers().firstValue("X-Request-Id")).isPresent();
    }
}
