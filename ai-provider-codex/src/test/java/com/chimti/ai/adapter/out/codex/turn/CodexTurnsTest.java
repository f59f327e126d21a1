package com.chimti.ai.adapter.out.codex.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.adapter.out.codex.CodexProvider;
import com.chimti.ai.adapter.out.codex.CodexSettings.ExecMode;
import com.chimti.ai.adapter.out.codex.CodexSettings;
import com.chimti.ai.adapter.out.codex.RealCliTestBase;
import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.context.AiContext;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.domain.turn.CancellationSignal;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.port.out.TurnListener;
import com.chimti.ai.core.testing.InMemoryLoginRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chat turns in both execution modes, through the real pinned CLI against {@link FakeOpenAiServer}. */
class CodexTurnsTest extends RealCliTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private CodexProvider provider;
    private final TenantUser alice = new TenantUser(new ClientId("client-1"), new UserId("user-alice"));

    @AfterEach
    void noProcessLeft() {
        fake.reset();
        if (provider != null) {
            provider.close();
        }
        assertThat(codexProcesses()).isEmpty();
    }

    private CodexProvider provider(ExecMode mode) {
        CodexSettings settings = settings(mode);
        provider = new CodexProvider(settings, new InMemoryLoginRepository(), Clock.systemUTC());
        assertReady(provider);
        provider.startLogin(new LoginRequest(alice, LoginMethod.API_KEY, new Secret("sk-alice")));
        return provider;
    }

    private static PromptMessage user(String text) {
        return new PromptMessage(MessageRole.USER, text);
    }

    private static PromptMessage assistant(String text) {
        return new PromptMessage(MessageRole.ASSISTANT, text);
    }

    private CompletionRequest turn(ChatId chat, List<PromptMessage> messages, Duration timeout,
                                   CancellationSignal cancel) {
        return turn(chat, messages, null, timeout, cancel);
    }

    private CompletionRequest turn(ChatId chat, List<PromptMessage> messages, AiContext context, Duration timeout,
                                   CancellationSignal cancel) {
        return new CompletionRequest(alice, null, null, chat, messages, context, null, timeout, cancel);
    }

    private String lastBody() {
        List<String> bodies = fake.responseBodies();
        assertThat(bodies).isNotEmpty();
        return bodies.get(bodies.size() - 1);
    }

    @Test
    void appServerStreamsTheFirstDeltaBeforeTheModelFinished() throws Exception {
        provider(ExecMode.APP_SERVER);
        fake.reply("one two three four");
        fake.holdAfterDeltas(2);
        List<String> deltas = new CopyOnWriteArrayList<>();
        AtomicInteger finishedAtFirstDelta = new AtomicInteger(-1);
        int finishedBefore = fake.finishedResponses();
        CompletableFuture<CompletionResult> result = CompletableFuture.supplyAsync(() -> provider.complete(
                turn(null, List.of(user("count")), Duration.ofSeconds(60), null), new TurnListener() {
                    @Override
                    public void onDelta(String text) {
                        finishedAtFirstDelta.compareAndSet(-1, fake.finishedResponses());
                        deltas.add(text);
                    }
                }));
        await().atMost(WAIT).until(() -> !deltas.isEmpty());
        assertThat(fake.holding()).isEqualTo(1);
        assertThat(finishedAtFirstDelta.get()).isEqualTo(finishedBefore);
        fake.releaseHeld();
        CompletionResult done = result.get(60, TimeUnit.SECONDS);
        assertThat(done.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        assertThat(done.text()).isEqualTo("one two three four");
        assertThat(done.exitCode()).as("a warm app-server has no per-turn exit code").isNull();
        assertThat(String.join("", deltas)).isEqualTo(done.text());
    }

    @Test
    void execDeliversTheWholeAnswerAsOneDelta() {
        provider(ExecMode.EXEC);
        fake.reply("The whole answer at once.");
        List<String> deltas = new CopyOnWriteArrayList<>();
        CompletionResult done = provider.complete(turn(null, List.of(user("hi")), Duration.ofSeconds(60), null),
                new TurnListener() {
                    @Override
                    public void onDelta(String text) {
                        deltas.add(text);
                    }
                });
        assertThat(done.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        assertThat(done.text()).isEqualTo("The whole answer at once.");
        assertThat(done.exitCode()).as("the exec process's own exit code").isZero();
        assertThat(deltas).containsExactly("The whole answer at once.");
        assertThat(done.usage().inputTokens()).isPositive();
        assertThat(lastBody()).contains("\"hi\"");
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void followUpsCarryTheEarlierTurns(ExecMode mode) {
        provider(mode);
        ChatId chat = ChatId.newId();
        fake.reply("Nice to meet you, Zed.");
        List<PromptMessage> history = new ArrayList<>(List.of(user("My code word is PELICAN-4711.")));
        CompletionResult first = provider.complete(turn(chat, history, new AiContext("Opening hours: 9-17"),
                Duration.ofSeconds(60), null));
        assertThat(first.outcome()).isEqualTo(TurnOutcome.COMPLETED);

        fake.reply("It was PELICAN-4711.");
        history.add(assistant(first.text()));
        history.add(user("What was my code word?"));
        CompletionResult second = provider.complete(turn(chat, history, new AiContext("Opening hours: 10-18"),
                Duration.ofSeconds(60), null));
        assertThat(second.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        assertThat(second.text()).isEqualTo("It was PELICAN-4711.");
        String body = lastBody();
        assertThat(body).contains("PELICAN-4711").contains("Nice to meet you, Zed.")
                .contains("What was my code word?").contains("Opening hours: 10-18");
        if (mode == ExecMode.APP_SERVER) {
            // the resumed thread sends the earlier turns itself: only the new message was given to turn/start
            assertThat(body).doesNotContain("Conversation so far");
            Path threadFile = ChatThreads.file(dir.resolve("profiles/codex").resolve(provider.profileId(alice)),
                    chat);
            assertThat(threadFile).exists();
        } else {
            assertThat(body).contains("Conversation so far");
        }
    }

    @Test
    void aChatSurvivesAnAppServerRestartAndALostThreadIsRebuiltWithItsHistory() throws Exception {
        provider(ExecMode.APP_SERVER);
        ChatId chat = ChatId.newId();
        fake.reply("Noted.");
        List<PromptMessage> history = new ArrayList<>(List.of(user("Remember HERON-1234.")));
        CompletionResult first = provider.complete(turn(chat, history, Duration.ofSeconds(60), null));
        Path threadFile = ChatThreads.file(dir.resolve("profiles/codex").resolve(provider.profileId(alice)), chat);
        String firstThread = Files.readString(threadFile).strip();

        // the server restarts: a new provider, a new app-server process; the thread is resumed from disk
        provider.close();
        provider = new CodexProvider(fake.codexSettings(dir, Duration.ofMinutes(15)), new InMemoryLoginRepository(),
                Clock.systemUTC());
        history.add(assistant(first.text()));
        history.add(user("Which word?"));
        fake.reply("HERON-1234.");
        CompletionResult second = provider.complete(turn(chat, history, Duration.ofSeconds(60), null));
        assertThat(second.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        assertThat(lastBody()).contains("Remember HERON-1234.").contains("Which word?");

        // the thread is gone (unknown id): rebuilt from the stored messages, and the new id remembered
        Files.writeString(threadFile, "019a0000-0000-7000-8000-000000000000\n");
        history.add(assistant(second.text()));
        history.add(user("And again?"));
        CompletionResult third = provider.complete(turn(chat, history, Duration.ofSeconds(60), null));
        assertThat(third.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        assertThat(lastBody()).contains("Conversation so far").contains("Remember HERON-1234.")
                .contains("Which word?").contains("And again?");
        String rebuilt = Files.readString(threadFile).strip();
        assertThat(rebuilt).isNotEqualTo(firstThread).isNotEqualTo("019a0000-0000-7000-8000-000000000000");
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void aModelThatNeverAnswersTimesOut(ExecMode mode) {
        provider(mode);
        fake.stallResponses(true);
        long start = System.nanoTime();
        CompletionResult result = provider.complete(turn(ChatId.newId(), List.of(user("hi")), Duration.ofSeconds(3),
                null));
        assertThat(result.outcome()).isEqualTo(TurnOutcome.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3 + 10));
        assertThat(execProcesses()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void anUnreachableModelServerTimesOut(ExecMode mode) throws Exception {
        provider(mode);
        provider.close();
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        // the same profile and credentials, but the model endpoint points at a port nobody listens on
        CodexSettings fakeSettings = fake.codexSettings(dir, Duration.ofMinutes(15));
        Path unreachable = dir.resolve("unreachable.toml");
        Files.writeString(unreachable, fake.codexConfigToml().replace("base_url = \"" + fake.baseUrl() + "/v1\"",
                "base_url = \"http://127.0.0.1:" + closedPort + "/v1\""));
        CodexSettings settings = new CodexSettings(null, CodexSettings.PINNED_VERSION, fakeSettings.profileRoot(),
                fakeSettings.workspaceRoot(), fakeSettings.profileHashSecret(), unreachable,
                fakeSettings.envPassthrough(), fake.loginIssuerEnv(), "gpt-5", List.of("gpt-5"),
                Duration.ofSeconds(15), Duration.ofMinutes(15), Duration.ofMinutes(5), mode, null, null);
        provider = new CodexProvider(settings, new InMemoryLoginRepository(), Clock.systemUTC());
        long start = System.nanoTime();
        CompletionResult result = provider.complete(turn(null, List.of(user("hi")), Duration.ofSeconds(4), null));
        assertThat(result.outcome()).isEqualTo(TurnOutcome.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4 + 10));
        assertThat(execProcesses()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void cancelStopsTheCliAndReturnsThePartialAnswer(ExecMode mode) throws Exception {
        provider(mode);
        fake.reply("alpha beta gamma delta");
        fake.holdAfterDeltas(2);
        CancellationSignal cancel = new CancellationSignal();
        List<String> deltas = new CopyOnWriteArrayList<>();
        CompletableFuture<CompletionResult> result = CompletableFuture.supplyAsync(() -> provider.complete(
                turn(ChatId.newId(), List.of(user("go-secret-prompt-7731")), Duration.ofSeconds(60), cancel),
                new TurnListener() {
                    @Override
                    public void onDelta(String text) {
                        deltas.add(text);
                    }
                }));
        if (mode == ExecMode.APP_SERVER) {
            await().atMost(WAIT).until(() -> !deltas.isEmpty());
        } else {
            await().atMost(WAIT).until(() -> fake.holding() == 1);
            assertThat(execProcesses()).isNotEmpty().allSatisfy(process -> assertThat(
                    process.info().commandLine().orElse("")).as("the prompt is not on the command line")
                    .doesNotContain("go-secret-prompt-7731"));
            assertThat(String.join("\n", fake.responseBodies())).contains("go-secret-prompt-7731");
        }
        long start = System.nanoTime();
        cancel.cancel();
        CompletionResult cancelled = result.get(30, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(cancelled.outcome()).isEqualTo(TurnOutcome.CANCELLED);
        if (mode == ExecMode.APP_SERVER) {
            assertThat(cancelled.text()).startsWith("alpha ").isNotEqualTo("alpha beta gamma delta");
        } else {
            assertThat(cancelled.text()).isEmpty();
        }
        assertThat(execProcesses()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void anUnauthorizedAccountIsNotConnected(ExecMode mode) {
        provider(mode);
        fake.unauthorized(true);
        long start = System.nanoTime();
        assertThatThrownBy(() -> provider.complete(turn(ChatId.newId(), List.of(user("hi")), Duration.ofSeconds(60),
                null))).isInstanceOf(ProviderNotConnectedException.class);
        // stopped at the first 401, not after the CLI's retries
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(execProcesses()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void aUsageLimitIsRateLimitedAndShownInTheAccountStatus(ExecMode mode) {
        provider(mode);
        fake.usageLimitReached(true);
        assertThatThrownBy(() -> provider.complete(turn(ChatId.newId(), List.of(user("hi")), Duration.ofSeconds(60),
                null))).isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isPositive());
        assertThat(provider.accountStatus(alice).error()).isNotNull();
        assertThat(provider.accountStatus(alice).error().code()).isEqualTo("rate_limited");
        fake.usageLimitReached(false);
        assertThat(provider.complete(turn(null, List.of(user("hi")), Duration.ofSeconds(60), null)).outcome())
                .isEqualTo(TurnOutcome.COMPLETED);
        assertThat(provider.accountStatus(alice).error()).isNull();
    }

    @Test
    void anExecTurnWithoutAnAccountIsRefusedWithoutStartingTheCli() {
        CodexSettings settings = settings(ExecMode.EXEC);
        provider = new CodexProvider(settings, new InMemoryLoginRepository(), Clock.systemUTC());
        assertThatThrownBy(() -> provider.complete(turn(null, List.of(user("hi")), Duration.ofSeconds(10), null)))
                .isInstanceOf(ProviderNotConnectedException.class);
    }

    private static List<ProcessHandle> execProcesses() {
        return codexProcesses().stream()
                .filter(p -> p.info().arguments().map(a -> a.length > 0 && a[0].equals("exec")).orElse(true))
                .toList();
    }
}
