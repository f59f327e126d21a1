package com.chimti.ai.adapter.out.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.CodexSettings.ExecMode;
import com.chimti.ai.adapter.out.codex.process.ChildEnvironment;
import com.chimti.ai.adapter.out.codex.process.CliProcess;
import com.chimti.ai.adapter.out.codex.process.CodexCli;
import com.chimti.ai.adapter.out.codex.rpc.AppServer;
import com.chimti.ai.adapter.out.codex.runtime.ExecLease;
import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.testing.InMemoryLoginRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the provider relies on in the CLI's protocols, asserted against the real pinned CLI, so that a CLI upgrade
 * names what changed (the compatibility run, {@code cli/try-version}) instead of a user finding it. The tools the
 * CLI offers the model are asserted by {@link CliIsolationTest}.
 */
class CliProtocolTest extends RealCliTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Requests the provider sends to {@code codex app-server} (AppServer, the turns, logins and accounts). */
    private static final Set<String> CLIENT_REQUESTS = Set.of("initialize", "account/read", "account/login/start",
            "account/login/cancel", "account/logout", "account/rateLimits/read", "model/list", "thread/start",
            "thread/resume", "turn/start", "turn/interrupt");
    /** Notifications the provider listens to. */
    private static final Set<String> SERVER_NOTIFICATIONS = Set.of("account/login/completed", "item/agentMessage/delta",
            "item/started", "item/completed", "thread/tokenUsage/updated", "turn/completed", "error");
    /** The one server request the provider answers (the product's dynamic tool); all others are refused. */
    private static final String TOOL_CALL = AppServer.TOOL_CALL;
    /** Parameters and fields the provider sends or reads, per protocol type. */
    private static final Map<String, List<String>> FIELDS = Map.of(
            "ThreadStartParams", List.of("cwd", "sandbox", "approvalPolicy", "ephemeral", "model"),
            "ThreadResumeParams", List.of("threadId", "cwd", "sandbox", "approvalPolicy", "model", "excludeTurns"),
            "TurnStartParams", List.of("threadId", "input"),
            "TurnInterruptParams", List.of("threadId", "turnId"),
            "AgentMessageDeltaNotification", List.of("threadId", "delta"),
            "TurnCompletedNotification", List.of("threadId", "turn"),
            "ThreadTokenUsageUpdatedNotification", List.of("threadId", "tokenUsage"),
            "AccountLoginCompletedNotification", List.of("loginId", "success", "error"));

    private CodexProvider provider;

    @AfterEach
    void stop() {
        fake.reset();
        if (provider != null) {
            provider.close();
        }
        assertThat(codexProcesses()).isEmpty();
    }

    @Test
    void theAppServerStillHasEveryMethodNotificationAndFieldTheProviderUses() throws Exception {
        Path schema = dir.resolve("schema");
        CodexSettings settings = settings(ExecMode.APP_SERVER);
        CodexCli cli = CodexCli.resolve(settings.cliBin(), settings.expectedVersion(), false);
        ProcessBuilder builder = new ProcessBuilder(cli.bin().toString(), "app-server", "generate-json-schema",
                "--out", schema.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", ChildEnvironment.MINIMAL_PATH,
                "CODEX_HOME", java.nio.file.Files.createDirectories(dir.resolve("home")).toString()));
        Process generate = builder.start();
        assertThat(generate.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(generate.exitValue()).isZero();

        assertThat(methods(schema.resolve("ClientRequest.json"))).containsAll(CLIENT_REQUESTS);
        assertThat(methods(schema.resolve("ClientNotification.json"))).contains("initialized");
        assertThat(methods(schema.resolve("ServerNotification.json"))).containsAll(SERVER_NOTIFICATIONS);
        assertThat(methods(schema.resolve("ServerRequest.json"))).contains(TOOL_CALL);
        JsonNode definitions = JSON.readTree(schema.resolve("codex_app_server_protocol.v2.schemas.json").toFile())
                .path("definitions");
        FIELDS.forEach((type, fields) -> assertThat(fieldNames(definitions.path(type)))
                .as(type).containsAll(fields));
    }

    @Test
    void execStillPrintsTheEventsTheProviderParses() throws Exception {
        provider = new CodexProvider(settings(ExecMode.EXEC), new InMemoryLoginRepository(), Clock.systemUTC());
        assertReady(provider);
        TenantUser alice = new TenantUser(new ClientId("client-1"), new UserId("user-alice"));
        provider.startLogin(new LoginRequest(alice, LoginMethod.API_KEY, new Secret("sk-alice")));
        fake.reply("protocol check");

        List<JsonNode> ok = exec(alice);
        assertThat(types(ok)).contains("thread.started", "turn.started", "item.completed", "turn.completed");
        assertThat(ok).anySatisfy(event -> {
            assertThat(event.path("type").asText()).isEqualTo("item.completed");
            assertThat(event.path("item").path("type").asText()).isEqualTo("agent_message");
            assertThat(event.path("item").path("text").asText()).isEqualTo("protocol check");
        });
        JsonNode usage = ok.stream().filter(e -> e.path("type").asText().equals("turn.completed")).findFirst()
                .orElseThrow().path("usage");
        assertThat(usage.path("input_tokens").isNumber()).isTrue();
        assertThat(usage.path("output_tokens").isNumber()).isTrue();

        fake.usageLimitReached(true);
        List<JsonNode> limited = exec(alice);
        assertThat(limited).anySatisfy(event -> {
            assertThat(event.path("type").asText()).isEqualTo("turn.failed");
            assertThat(event.path("error").path("message").asText()).containsIgnoringCase("usage limit");
        });
    }

    /** One {@code codex exec --json} as the provider runs it (confined when it can be), its stdout events. */
    private List<JsonNode> exec(TenantUser user) throws IOException, InterruptedException {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        try (ExecLease lease = provider.runtime().execLease(user, Duration.ofSeconds(15))) {
            CliProcess process = lease.start(List.of("exec", "--json", "--skip-git-repo-check", "--ephemeral", "-s",
                    "read-only", "-C", lease.workspace().toString(), "-m", "gpt-5", "-"), Duration.ofSeconds(60));
            process.readLines(line -> {
                if (line.startsWith("{")) {
                    try {
                        events.add(JSON.readTree(line));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            try (OutputStream stdin = process.stdin()) {
                stdin.write("check the protocol".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(process.outputEnded()).succeedsWithin(Duration.ofSeconds(60));
            assertThat(process.waitFor(Duration.ofSeconds(60))).isTrue();
        }
        return events;
    }

    private static Set<String> types(List<JsonNode> events) {
        Set<String> types = new TreeSet<>();
        events.forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    /** Every {@code method} constant or enum value in a schema file. */
    private static Set<String> methods(Path schemaFile) throws IOException {
        Set<String> methods = new TreeSet<>();
        collectMethods(JSON.readTree(schemaFile.toFile()), methods);
        return methods;
    }

    private static void collectMethods(JsonNode node, Set<String> methods) {
        JsonNode method = node.path("properties").path("method");
        method.path("enum").forEach(v -> methods.add(v.asText()));
        if (method.has("const")) {
            methods.add(method.path("const").asText());
        }
        node.forEach(child -> collectMethods(child, methods));
    }

    private static Set<String> fieldNames(JsonNode definition) {
        Set<String> names = new TreeSet<>();
        definition.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
