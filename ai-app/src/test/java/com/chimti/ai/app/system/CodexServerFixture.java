package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the system tests running the real Codex CLI against a {@link FakeOpenAiServer} set up alike. */
final class CodexServerFixture {
    /** The body of an API-key login the fake OpenAI accepts. */
    static final String API_KEY_LOGIN = "{\"method\":\"apiKey\",\"apiKey\":\"sk-alice-test-key-0123456789abcdef\"}";

    private CodexServerFixture() {
    }

    /**
     * The environment of a server whose only, default provider is the real Codex CLI talking to {@code openAi}
     * (the operator config is written into {@code dir}, the fake's issuer passed through for device logins).
     * Mutable, for each test's own settings.
     */
    static Map<String, String> codexEnv(FakeOpenAiServer openAi, Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("AI_PROVIDERS", "codex");
        env.put("AI_DEFAULT_PROVIDER", "codex");
        env.put("CODEX_CONFIG_FILE", openAi.writeCodexConfig(dir.resolve("operator.toml")).toString());
        env.put("CODEX_ENV_PASSTHROUGH", FakeOpenAiServer.ISSUER_ENV);
        env.put(FakeOpenAiServer.ISSUER_ENV, openAi.baseUrl());
        return env;
    }

    /** Connects the user of {@code token} to Codex with an API key, failing the test unless it is accepted. */
    static void loginWithApiKey(RunningServer server, String token) {
        RunningServer.Response login = server.post("/v1/ai/account/login", token, API_KEY_LOGIN);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
    }

    /** Stops the server (if it started), then the fake, and checks that no Codex CLI outlives them. */
    static void stopAll(RunningServer server, FakeOpenAiServer openAi) {
        if (server != null) {
            server.close();
        }
        openAi.close();
        assertThat(codexProcesses()).as("no Codex CLI outlives the server").isEmpty();
    }

    /** The Codex CLI processes this JVM started that are still alive. */
    static List<ProcessHandle> codexProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && p.info().command().map(c -> c.endsWith("/codex")).orElse(false))
                .toList();
    }
}
