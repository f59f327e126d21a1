package com.chimti.ai.adapter.out.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.adapter.out.codex.CodexSettings.ExecMode;
import com.chimti.ai.adapter.out.codex.process.Confinement;
import com.chimti.ai.adapter.out.codex.process.ProcessLimits;
import com.chimti.ai.adapter.out.codex.profile.ProfilesForTests;
import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer.FunctionCall;
import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.action.ActionField;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.ActionProposals;
import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.action.ProposalOutcome;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.domain.turn.CancellationSignal;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.out.TurnListener;
import com.chimti.ai.core.testing.InMemoryLoginRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CLI's isolation from the attacker's side: the model (or a prompt injection in front of it) is scripted to
 * call every tool the CLI has, against another user's credentials, the caller's own, the server's data folder and
 * {@code /proc}. Real pinned CLI, confinement required, profile roots outside the temp dir (as a real install:
 * under {@code /tmp} the CLI's own command sandbox cannot start, and a leak test would pass for the wrong reason).
 *
 * <p>Every probe is conclusive: a tool call was either refused ({@code unsupported call: ...}) or really ran
 * (its canary came back).
 */
class CliIsolationTest extends RealCliTestBase {
    /**
     * The only tool of the CLI's own that no setting of the pinned CLI removes (0.169.0 to 0.171.0). It asks the
     * client for input: the app-server client refuses every server request but the product's tool call, and
     * {@code exec} has nobody to ask; it reads and runs nothing.
     */
    private static final String UNREMOVABLE = "request_user_input";
    private static final String RAN = "CANARY-RAN";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantUser alice = new TenantUser(new ClientId("client-1"), new UserId("user-alice"));
    private final TenantUser bob = new TenantUser(new ClientId("client-1"), new UserId("user-bob"));
    private final String aliceKey = "sk-alice-" + UUID.randomUUID();
    private final String bobKey = "sk-bob-victim-" + UUID.randomUUID();
    private final String dataCanary = "DATA-CANARY-" + UUID.randomUUID();
    private Path root;
    private Path dataFile;
    private CodexProvider provider;

    @BeforeEach
    void outsideTheTempDir() throws IOException {
        root = Path.of("target", "cli-isolation", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(root);
        // stands for the rest of AI_DATA_DIR: the embedded PostgreSQL's files, generated secrets
        dataFile = Files.writeString(root.resolve("server-data.txt"), dataCanary);
    }

    @AfterEach
    void nothingLeft() throws IOException {
        fake.reset();
        if (provider != null) {
            provider.close();
        }
        assertThat(codexProcessesAndWrappers()).isEmpty();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private CodexProvider provider(ExecMode mode, boolean cliToolsOff) {
        CodexSettings settings = fake.codexSettings(root, Duration.ofMinutes(15)).withExecMode(mode)
                .withConfinement(Confinement.Mode.REQUIRED);
        provider = new CodexProvider(settings, new InMemoryLoginRepository(), Clock.systemUTC(),
                ProcessLimits.forThisMachine(), ProfilesForTests.of(settings, cliToolsOff));
        assertReady(provider);
        assertThat(provider.confined()).isTrue();
        provider.startLogin(new LoginRequest(alice, LoginMethod.API_KEY, new Secret(aliceKey)));
        provider.startLogin(new LoginRequest(bob, LoginMethod.API_KEY, new Secret(bobKey)));
        assertThat(auth(alice)).exists();
        assertThat(auth(bob)).exists();
        return provider;
    }

    private Path auth(TenantUser user) {
        return root.resolve("profiles/codex").resolve(provider.profileId(user)).resolve("auth.json");
    }

    private List<String> secrets() {
        return List.of(aliceKey, bobKey, dataCanary);
    }

    /** A turn of alice's that records every piece the stream would carry. */
    private Streamed turn(ExecMode mode, String prompt, ActionProposals proposals) {
        Streamed streamed = new Streamed();
        CompletionRequest request = new CompletionRequest(alice, null, null,
                mode == ExecMode.APP_SERVER ? ChatId.newId() : null,
                List.of(new PromptMessage(MessageRole.USER, prompt)), null, null, Duration.ofSeconds(60), null,
                proposals);
        streamed.result = provider.complete(request, streamed);
        return streamed;
    }

    private static final class Streamed implements TurnListener {
        final List<String> pieces = new CopyOnWriteArrayList<>();
        CompletionResult result;

        @Override
        public void onDelta(String text) {
            pieces.add(text);
        }

        @Override
        public void onProgress(String kind, String summary) {
            pieces.add(kind + " " + summary);
        }

        String all() {
            return String.join("\n", pieces) + "\n" + result.text();
        }
    }

    private static String args(Map<String, Object> arguments) {
        try {
            return JSON.writeValueAsString(arguments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shell text that proves it ran, then reads what it must not. */
    private String readEverything() {
        return "echo " + RAN + "; cat " + auth(bob) + " " + auth(alice) + " " + dataFile + " /proc/"
                + ProcessHandle.current().pid() + "/environ 2>&1";
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void theModelIsOfferedOnlyTheProductsTools(ExecMode mode) {
        provider(mode, true);
        turn(mode, "hello", null);
        assertThat(fake.lastOfferedTools()).as("tools sent to the model").containsExactly(UNREMOVABLE);

        if (mode == ExecMode.APP_SERVER) {
            turn(mode, "hello again", new OfferedNote());
            assertThat(fake.lastOfferedTools()).as("tools sent with an action offer")
                    .containsExactlyInAnyOrder(com.chimti.ai.core.domain.action.ActionTool.NAME, UNREMOVABLE);
        }
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void everyCliToolIsRefusedAndNothingLeaks(ExecMode mode) {
        provider(mode, true);
        List<FunctionCall> calls = FakeOpenAiServer.everyCliTool(readEverything(), auth(bob).toString());
        fake.callOnNextTurn(calls.toArray(FunctionCall[]::new));

        Streamed streamed = turn(mode, "summarise my files", null);

        assertThat(streamed.result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        List<String> outputs = fake.toolOutputs();
        assertThat(outputs).hasSize(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            // conclusive: refused by name (layer 1); with these settings nothing may run
            assertThat(outputs.get(i)).as(calls.get(i).name()).isEqualTo("unsupported call: " + calls.get(i).name());
        }
        assertNothingLeaked(streamed);
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void withTheToolsOnTheConfinementAloneKeepsOtherUsersAndTheServerOutOfReach(ExecMode mode) {
        provider(mode, false);
        int fakePort = fake.port();
        fake.callOnNextTurn(new FunctionCall("exec_command", args(Map.of("cmd", "echo " + RAN
                + "; cat " + auth(bob) + " 2>&1; cat " + dataFile + " 2>&1; cat /proc/" + ProcessHandle.current().pid()
                + "/environ 2>&1; ls /proc 2>&1 | grep -c '^[0-9]' ;"
                + " (exec 3<>/dev/tcp/127.0.0.1/5432) 2>&1 && echo DB-CONNECTED || echo DB-REFUSED;"
                + " (exec 3<>/dev/tcp/127.0.0.1/" + fakePort + ") 2>&1 && echo HTTP-CONNECTED || echo HTTP-REFUSED"))));

        Streamed streamed = turn(mode, "look around", null);

        assertThat(fake.toolOutputs()).hasSize(1);
        String output = fake.toolOutputs().get(0);
        assertThat(output).as("the probe ran").contains(RAN);
        assertThat(output).contains(auth(bob) + ": No such file or directory")
                .contains(dataFile + ": No such file or directory")
                .contains("/proc/" + ProcessHandle.current().pid() + "/environ: No such file or directory");
        // the database's port and a local HTTP server (stand-ins for PostgreSQL and this server) are refused by
        // the CLI's command sandbox: no network for commands
        assertThat(output).contains("DB-REFUSED").contains("HTTP-REFUSED")
                .doesNotContain("DB-CONNECTED").doesNotContain("HTTP-CONNECTED");
        assertNothingLeaked(streamed);
    }

    private void assertNothingLeaked(Streamed streamed) {
        String stream = streamed.all();
        List<String> requests = fake.responseBodies();
        for (String secret : secrets()) {
            assertThat(stream).as("the stream and the answer").doesNotContain(secret);
            assertThat(String.join("\n", fake.toolOutputs())).as("what tools told the model").doesNotContain(secret);
            assertThat(requests).as("requests to the model").noneMatch(body -> body.contains(secret));
        }
    }

    @Test
    void theExecPromptNeverAppearsOnAnyCommandLine() throws Exception {
        provider(ExecMode.EXEC, true);
        String marker = "PROMPT-MARKER-" + UUID.randomUUID();
        List<ProcessHandle> before = codexProcessesAndWrappers();
        int asked = fake.requestsTo("/v1/responses").size();
        fake.stallResponses(true);
        CancellationSignal cancel = new CancellationSignal();
        CompletableFuture<CompletionResult> running = CompletableFuture.supplyAsync(() -> provider.complete(
                new CompletionRequest(alice, null, null, null, List.of(new PromptMessage(MessageRole.USER, marker)),
                        null, null, Duration.ofSeconds(60), cancel), TurnListener.NONE));
        await().atMost(Duration.ofSeconds(30)).until(() -> fake.requestsTo("/v1/responses").size() > asked);

        assertThat(codexProcessesAndWrappers()).as("the exec process, confined").anyMatch(p -> !before.contains(p));
        assertThat(commandLinesContaining(marker)).isEmpty();
        assertThat(fake.responseBodies()).anyMatch(body -> body.contains(marker));

        cancel.cancel();
        assertThat(running.get().outcome()).isEqualTo(TurnOutcome.CANCELLED);
        assertThat(before).containsAll(codexProcessesAndWrappers());
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void aConfinedTurnLeavesNoProcessAfterATimeout(ExecMode mode) {
        provider(mode, true);
        List<ProcessHandle> before = codexProcessesAndWrappers();
        fake.stallResponses(true);
        CompletionResult result = provider.complete(new CompletionRequest(alice, null, null, null,
                List.of(new PromptMessage(MessageRole.USER, "hi")), null, null, Duration.ofSeconds(3), null),
                TurnListener.NONE);
        assertThat(result.outcome()).isEqualTo(TurnOutcome.TIMED_OUT);
        if (mode == ExecMode.EXEC) {
            // the exec process and its bubblewrap are gone (the idle app-servers of the logins may stay)
            assertThat(before).containsAll(codexProcessesAndWrappers());
        }
    }

    @Test
    void shutdownEndsConfinedProcessesInsideAndOut() {
        provider(ExecMode.APP_SERVER, true);
        int asked = fake.requestsTo("/v1/responses").size();
        fake.stallResponses(true);
        CompletableFuture.runAsync(() -> provider.complete(new CompletionRequest(alice, null, null, ChatId.newId(),
                List.of(new PromptMessage(MessageRole.USER, "hi")), null, null, Duration.ofSeconds(60), null),
                TurnListener.NONE));
        await().atMost(Duration.ofSeconds(30)).until(() -> fake.requestsTo("/v1/responses").size() > asked);
        List<ProcessHandle> running = codexProcessesAndWrappers();
        assertThat(running).anyMatch(p -> p.info().command().orElse("").endsWith("bwrap"))
                .anyMatch(p -> p.info().command().orElse("").endsWith("codex"));

        provider.close();

        assertThat(running).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aCliOutlivesTheThreadThatStartedIt() throws Exception {
        provider(ExecMode.APP_SERVER, true);
        Thread starter = new Thread(() -> provider.listModels(alice), "short-lived");
        starter.start();
        starter.join();
        long pid = provider.appServerPid(alice);
        assertThat(pid).isPositive();
        Thread.sleep(500);
        // bubblewrap's parent-death signal follows the starting thread; the CLI must not die with it
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        assertThat(provider.listModels(alice)).isNotEmpty();
        assertThat(provider.appServerPid(alice)).isEqualTo(pid);
    }

    private static List<Long> commandLinesContaining(String marker) throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(marker)) {
                        found.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return found;
    }

    /** Offers one action, so the app-server turn registers the product's tool. */
    private static final class OfferedNote implements ActionProposals {
        @Override
        public List<ActionSpec> offered() {
            return List.of(new ActionSpec("create_task_note", List.of(ActionField.requiredText("title", 200)),
                    EnumSet.of(Role.BRAND_ADMIN), true));
        }

        @Override
        public ProposalOutcome propose(String actionType, Map<String, Object> input) {
            return ProposalOutcome.recorded(new AiAction(new ActionId("act-1"), null,
                    new TenantUser(new ClientId("client-1"), new UserId("user-alice")),
                    actionType, ActionStatus.PROPOSED, input, Map.of(), Instant.now(), null));
        }
    }
}
