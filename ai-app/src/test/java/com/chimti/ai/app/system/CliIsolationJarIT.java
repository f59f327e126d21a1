package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer.FunctionCall;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The confinement issue's acceptance, from the running jar: a fake OpenAI whose answers call every tool of the
 * CLI to read other users' credentials and the server's files (its data folder with the embedded PostgreSQL, the
 * server's own environment in {@code /proc}). Nothing of them comes back: not in the SSE stream, the stored
 * messages, the next requests to the model, or the server's log. Both modes, confinement required, the data
 * folder outside the temp dir as a real install has it.
 */
class CliIsolationJarIT {
    private static final String RAN = "CANARY-RAN";
    private Path dataDir;

    @BeforeEach
    void dataOutsideTheTempDir() throws IOException {
        dataDir = Files.createDirectories(Path.of("target", "cli-isolation-jar", UUID.randomUUID().toString())
                .toAbsolutePath());
    }

    @AfterEach
    void removeData() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"app-server", "exec"})
    void aModelCallingTheCliToolsGetsNothingOfOtherUsersOrOfTheServer(String mode) throws Exception {
        String aliceKey = "sk-alice-" + UUID.randomUUID();
        String bobKey = "sk-bob-victim-" + UUID.randomUUID();
        String bobMessage = "BOB-MESSAGE-" + UUID.randomUUID();
        try (FakeOpenAiServer openAi = new FakeOpenAiServer()) {
            Map<String, String> env = Map.of(
                    "AI_PROVIDERS", "codex",
                    "AI_DEFAULT_PROVIDER", "codex",
                    "CODEX_EXEC_MODE", mode,
                    "CODEX_CONFINEMENT", "required",
                    "CODEX_CONFIG_FILE", openAi.writeCodexConfig(dataDir.resolve("operator-codex.toml")).toString(),
                    "CODEX_ENV_PASSTHROUGH", FakeOpenAiServer.ISSUER_ENV,
                    FakeOpenAiServer.ISSUER_ENV, openAi.baseUrl());
            Path dataFolder = dataDir.resolve("data");
            try (JarServer server = JarServer.start(dataFolder, env)) {
                JsonNode ready = server.get("/readyz", null).json();
                assertThat(ready.get("status").asText()).isEqualTo("ready");
                assertThat(ready.get("warnings")).as("confined: no warning").isEmpty();

                // the victim, another tenant: connected, with a message stored in the embedded PostgreSQL
                String bob = JarServer.token("bob", "client-b", List.of("brand-b"), List.of("BRAND_SUPERADMIN"));
                call(server, "POST", "/v1/ai/account/login", bob, "{\"method\":\"apiKey\",\"apiKey\":\"" + bobKey
                        + "\"}", 200);
                String bobChat = call(server, "POST", "/v1/ai/chats", bob, "{\"brandId\":\"brand-b\"}", 201)
                        .get("id").asText();
                call(server, "POST", "/v1/ai/chats/" + bobChat + "/messages", bob,
                        "{\"content\":\"" + bobMessage + "\"}", 200);

                String alice = JarServer.token("alice", "client-a", List.of("brand-a"),
                        List.of("BRAND_SUPERADMIN"));
                call(server, "POST", "/v1/ai/account/login", alice, "{\"method\":\"apiKey\",\"apiKey\":\""
                        + aliceKey + "\"}", 200);
                String chat = call(server, "POST", "/v1/ai/chats", alice, "{\"brandId\":\"brand-a\"}", 201)
                        .get("id").asText();

                List<Path> credentials;
                try (Stream<Path> homes = Files.list(dataFolder.resolve("ai-profiles/codex"))) {
                    credentials = homes.map(home -> home.resolve("auth.json")).filter(Files::exists).toList();
                }
                assertThat(credentials).hasSize(2);
                String shell = "echo " + RAN + "; cat " + dataFolder + "/ai-profiles/codex/*/auth.json; grep -ra "
                        + bobMessage.substring(0, 12) + " " + dataFolder + " | head -c 2000; cat /proc/" + server.pid()
                        + "/environ; cat /proc/*/environ";
                List<FunctionCall> calls = new ArrayList<>();
                for (Path credential : credentials) {
                    calls.addAll(FakeOpenAiServer.everyCliTool(shell, credential.toString()));
                }
                openAi.callOnNextTurn(calls.toArray(FunctionCall[]::new));
                int bobsRequests = openAi.responseBodies().size();

                List<SseStream.Event> events;
                try (SseStream stream = SseStream.post(server.port(), "/v1/ai/chats/" + chat + "/messages", alice,
                        "{\"content\":\"Summarise what you can find\"}")) {
                    events = stream.rest(Duration.ofSeconds(120));
                }
                assertThat(events.get(events.size() - 1).name()).as(events.toString()).isEqualTo("done");
                List<String> outputs = openAi.toolOutputs();
                assertThat(outputs).hasSize(calls.size());
                for (int i = 0; i < calls.size(); i++) {
                    assertThat(outputs.get(i)).as(calls.get(i).name())
                            .isEqualTo("unsupported call: " + calls.get(i).name());
                }

                String streamed = events.stream().map(e -> e.name() + " " + e.data()).collect(Collectors.joining("\n"));
                String stored = call(server, "GET", "/v1/ai/chats/" + chat + "/messages", alice, null, 200).toString();
                assertThat(stored).contains("unsupported call");
                List<String> bodies = openAi.responseBodies();
                String requests = String.join("\n", bodies.subList(bobsRequests, bodies.size()));
                String log = Files.readString(dataFolder.resolveSibling(dataFolder.getFileName() + "-server.log"));
                assertThat(requests).as("alice's requests were recorded").contains("unsupported call");
                for (String secret : List.of(bobKey, aliceKey, bobMessage, JarServer.SECRET)) {
                    assertThat(streamed).as("SSE stream").doesNotContain(secret);
                    assertThat(stored).as("stored messages").doesNotContain(secret);
                    assertThat(log).as("server log").doesNotContain(secret);
                    assertThat(requests).as("alice's requests to the model").doesNotContain(secret);
                }
            }
        }
    }

    private static JsonNode call(JarServer server, String method, String path, String token, String body,
                                 int expectedStatus) throws Exception {
        JarServer.Reply reply = server.send(method, path, token, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(expectedStatus);
        return reply.json();
    }
}
