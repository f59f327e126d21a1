package com.chimti.ai.app.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/embedding.md's program, run as a host service would: on a class path without the web adapter, Javalin
 * or Jetty, with the real Codex CLI (against the fake OpenAI) and a real (embedded) PostgreSQL.
 */
class EmbeddingExampleTest {
    private static final String REPLY = "There are forty tyres in stock.";
    private static final String API_KEY = "sk-embedded-host-test-0123456789abcdef";

    @TempDir
    Path dataDir;

    @Test
    void aPlainJavaProgramRunsAChatTurnThroughCodexAndPostgresWithoutJavalin() throws Exception {
        try (FakeOpenAiServer openAi = new FakeOpenAiServer();
             URLClassLoader withoutWeb = ClassPathWithoutWeb.classLoader()) {
            openAi.reply(REPLY);
            Map<String, String> environment = new HashMap<>();
            environment.put("AI_DATA_DIR", dataDir.toString());
            environment.put("AI_PROVIDERS", "codex");
            environment.put("AI_DEFAULT_PROVIDER", "codex");
            environment.put("CODEX_CONFIG_FILE", openAi.writeCodexConfig(dataDir.resolve("codex.toml")).toString());
            environment.put("CODEX_ENV_PASSTHROUGH", FakeOpenAiServer.ISSUER_ENV);
            environment.put(FakeOpenAiServer.ISSUER_ENV, openAi.baseUrl());

            assertThatThrownBy(() -> Class.forName("io.javalin.Javalin", false, withoutWeb))
                    .as("the host has no Javalin").isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> Class.forName("com.chimti.ai.adapter.in.web.AiWebServer", false, withoutWeb))
                    .as("nor the web adapter").isInstanceOf(ClassNotFoundException.class);
            Class<?> example = Class.forName(EmbeddingExample.class.getName(), true, withoutWeb);
            assertThat(example.getClassLoader()).isSameAs(withoutWeb);
            Method chatOnce = example.getMethod("chatOnce", Map.class, String.class, String.class);

            @SuppressWarnings("unchecked")
            List<String> result;
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(withoutWeb); // service lookups (OpenTelemetry's) see the host's class path
            try {
                result = (List<String>) chatOnce.invoke(null, environment, API_KEY, "How many tyres?");
            } finally {
                thread.setContextClassLoader(previous);
            }

            assertThat(result).containsExactly(
                    "answer: " + REPLY,
                    "streamed: " + REPLY,
                    "outcome: COMPLETED",
                    "user: How many tyres?",
                    "assistant: " + REPLY);
            assertThat(openAi.responseBodies()).singleElement().asString().contains("How many tyres?");
            assertThat(openAi.requestsTo("/v1/responses")).allSatisfy(r -> assertThat(r.carries(API_KEY)).isTrue());
        }
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && p.info().command().map(c -> c.endsWith("/codex")).orElse(false)))
                .as("close() left no Codex CLI behind").isEmpty();
    }
}
