package com.chimti.ai.adapter.out.codex;

import com.chimti.ai.core.domain.CompletionRequest;
import com.chimti.ai.core.domain.CompletionResult;
import com.chimti.ai.core.domain.ProviderFailureException;
import com.chimti.ai.core.domain.ProviderNotConnectedException;
import com.chimti.ai.core.domain.TokenUsage;
import com.chimti.ai.core.domain.TurnOutcome;
import com.chimti.ai.core.port.out.TurnListener;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat turn as one {@code codex exec} process (mode {@code exec}):
 * {@code codex exec --json --skip-git-repo-check --ephemeral -s read-only -C <workspace> -m <model> -},
 * argument list only, environment from scratch, the prompt written to stdin which is then closed (so it never
 * shows in the process list), stderr discarded (it may carry secrets).
 * The recent stored messages are folded into the prompt, so follow-ups keep their context.
 *
 * <p>stdout is JSONL: {@code item.completed} of type {@code agent_message} is the answer (one delta, exec has no
 * token deltas), {@code turn.completed} the usage, {@code turn.failed} / {@code error} the faults. The first
 * {@code error} that says 401 / Unauthorized (the CLI would retry it five times) or a usage limit ends the
 * process at once.
 *
 * <p>Actions: {@code codex exec} has no way to hand a tool call back to us, so an exec turn offers the model no
 * action tool and ignores {@link CompletionRequest#proposals()}; the model can propose actions in app-server mode
 * (the default) only.
 *
 * <p>The process holds a permit of the global {@link ProcessCap} for its whole life (the one the turn reserved,
 * or a new one taken after the user's idle app-server was stopped).
 *
 * <p>Single writer: the profile is held {@linkplain AppServerRegistry#exclusive exclusively} for the process's
 * whole life (the user's idle app-server is stopped first; other calls on that profile wait).
 *
 * <p>Timeout and cancel: SIGINT ({@code /bin/kill -INT <pid>}, an argument list, no shell), then after
 * {@link CodexTurn#GRACE} SIGTERM and SIGKILL to the whole process tree ({@link ProcessTrees}). The process is
 * always gone when {@link #run()} returns.
 */
final class CodexExecTurn {
    private static final Logger LOG = LoggerFactory.getLogger(CodexExecTurn.class);
    private static final File DEV_NULL = new File("/dev/null");

    private final CodexProvider provider;
    private final CompletionRequest request;
    private final TurnListener listener;
    private final StringBuilder text = new StringBuilder();
    private final CompletableFuture<Void> outputEnded = new CompletableFuture<>();
    private volatile TokenUsage usage = TokenUsage.NONE;
    private volatile RuntimeException fault;
    private volatile String failedMessage;

    CodexExecTurn(CodexProvider provider, CompletionRequest request, TurnListener listener) {
        this.provider = provider;
        this.request = request;
        this.listener = listener == null ? TurnListener.NONE : listener;
    }

    CompletionResult run() {
        if (!provider.hasCredentials(request.user())) {
            throw new ProviderNotConnectedException("no Codex account is connected");
        }
        String model = request.model() == null || request.model().isBlank()
                ? provider.modelFor(request.user()) : request.model();
        long deadline = System.nanoTime() + request.timeout().toNanos();
        try (AppServerRegistry.Exclusive ignored = provider.exclusiveFor(request.user(),
                min(request.timeout(), provider.settings().requestTimeout()));
             ProcessCap.Permit permit = provider.processPermitFor(request.user())) {
            Path home = provider.prepareProfile(request.user());
            Path workspace = provider.workspace(request.user()).toAbsolutePath();
            Process process = provider.launcher().start(List.of("exec", "--json", "--skip-git-repo-check",
                    "--ephemeral", "-s", "read-only", "-C", workspace.toString(), "-m", model, "-"),
                    provider.childEnvironment(home), home, workspace, false);
            provider.track(process);
            try {
                Thread reader = new Thread(LogContext.carried(() -> readLoop(process)), "codex-exec-out");
                reader.setDaemon(true);
                reader.start();
                request.cancellation().onCancel(() -> signalInterrupt(process));
                // after the reader and the cancel hook: a CLI that stalls on a large prompt can still be stopped
                writePromptAndClose(process, Prompts.folded(request));
                TurnOutcome outcome = waitForEnd(process, deadline);
                stopTree(process);
                String answer;
                synchronized (text) {
                    answer = text.toString();
                }
                return new CompletionResult(answer, usage, model, outcome,
                        process.isAlive() ? null : process.exitValue());
            } finally {
                stopTree(process);
                provider.untrack(process);
                LOG.debug("codex exec ended (exit {})", process.isAlive() ? "?" : process.exitValue());
            }
        }
    }

    /**
     * The prompt goes through stdin ({@code -}), never argv, so it cannot be read off the process list; stdin is
     * closed right after, as exec otherwise waits for more input. A process that died early just ends the turn.
     */
    private static void writePromptAndClose(Process process, String prompt) {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(prompt.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("codex exec did not take its prompt: {}", e.getClass().getSimpleName());
        }
    }

    /** Nothing of the exec (nor a child it started) outlives the turn. */
    private static void stopTree(Process process) {
        if (process.isAlive() || process.descendants().findAny().isPresent()) {
            ProcessTrees.kill(process.toHandle(), CodexTurn.GRACE);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private TurnOutcome waitForEnd(Process process, long deadline) {
        while (true) {
            boolean cancelled = request.cancellation().isCancelled();
            if (cancelled || deadline - System.nanoTime() <= 0) {
                stop(process);
                return cancelled ? TurnOutcome.CANCELLED : TurnOutcome.TIMED_OUT;
            }
            if (fault != null) {
                // a refused credential or a used-up plan: don't wait for the CLI's retries
                ProcessTrees.kill(process.toHandle(), Duration.ofMillis(500));
                throw fault;
            }
            try {
                long left = deadline - System.nanoTime();
                outputEnded.get(Math.max(1, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200))),
                        TimeUnit.NANOSECONDS);
                if (!process.waitFor(CodexTurn.GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.debug("codex exec closed its output but did not exit");
                }
                if (fault != null) {
                    throw fault;
                }
                if (request.cancellation().isCancelled()) {
                    return TurnOutcome.CANCELLED;
                }
                if (failedMessage != null) {
                    throw CodexFaults.exception(CodexFaults.kind(null, 0, failedMessage), failedMessage);
                }
                if (!process.isAlive() && process.exitValue() != 0) {
                    throw new ProviderFailureException("the Codex turn failed (exit " + process.exitValue() + ")");
                }
                return TurnOutcome.COMPLETED;
            } catch (TimeoutException e) {
                // poll again
            } catch (ExecutionException e) {
                throw new ProviderFailureException("the Codex turn failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(process);
                return TurnOutcome.CANCELLED;
            }
        }
    }

    /** SIGINT, up to the grace for it to exit, then the whole tree is killed. */
    private void stop(Process process) {
        signalInterrupt(process);
        try {
            if (process.waitFor(CodexTurn.GRACE.toMillis(), TimeUnit.MILLISECONDS)
                    && process.descendants().findAny().isEmpty()) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessTrees.kill(process.toHandle(), CodexTurn.GRACE);
    }

    /**
     * {@code kill -INT <pid>} to the CLI itself, as an argument list (Java has no SIGINT of its own; bubblewrap
     * forwards no signal, so the CLI inside it is signalled directly); falls back to ending the process.
     */
    private void signalInterrupt(Process process) {
        if (!process.isAlive()) {
            return;
        }
        ProcessHandle cli = provider.launcher().cli(process).orElse(null);
        if (cli == null) {
            // confined, and bubblewrap has not started the CLI yet: nothing to interrupt gracefully
            ProcessTrees.kill(process.toHandle(), Duration.ofMillis(200));
            return;
        }
        Path kill = Files.isExecutable(Path.of("/bin/kill")) ? Path.of("/bin/kill") : Path.of("/usr/bin/kill");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(kill.toString(), "-INT", Long.toString(cli.pid())));
            builder.environment().clear();
            builder.environment().putAll(Map.of("PATH", ChildEnvironment.MINIMAL_PATH, "LANG", "C.UTF-8"));
            builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process signal = builder.start();
            if (!signal.waitFor(2, TimeUnit.SECONDS)) {
                signal.destroyForcibly();
            }
        } catch (IOException e) {
            cli.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cli.destroy();
        }
    }

    private void readLoop(Process process) {
        try {
            JsonLines.read(process.getInputStream(), "codex exec", event -> {
                try {
                    onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("a codex exec event could not be handled: {}", e.getClass().getSimpleName());
                }
            });
        } finally {
            outputEnded.complete(null);
        }
    }

    private void onEvent(JsonNode event) {
        String type = event.path("type").asText("");
        switch (type) {
            case "item.started" -> {
                String kind = event.path("item").path("type").asText("");
                if (!kind.isEmpty() && !"agent_message".equals(kind)) {
                    listener.onProgress(kind, kind);
                }
            }
            case "item.completed" -> {
                JsonNode item = event.path("item");
                String kind = item.path("type").asText("");
                if ("agent_message".equals(kind)) {
                    String answer = item.path("text").asText("");
                    String delta;
                    synchronized (text) {
                        delta = text.length() > 0 ? "\n\n" + answer : answer;
                        text.append(delta);
                    }
                    listener.onDelta(delta);
                } else if ("error".equals(kind)) {
                    onError(item.path("message").asText(""));
                }
            }
            case "turn.completed" -> {
                JsonNode u = event.path("usage");
                usage = new TokenUsage(u.path("input_tokens").asLong(0), u.path("output_tokens").asLong(0));
                listener.onUsage(usage);
            }
            case "turn.failed" -> {
                String message = event.path("error").path("message").asText("");
                failedMessage = message.isEmpty() ? "failed" : message;
                onError(message);
            }
            case "error" -> onError(event.path("message").asText(""));
            default -> {
            }
        }
    }

    private void onError(String message) {
        CodexFaults.Kind kind = CodexFaults.kind(null, 0, message);
        LOG.debug("codex exec error event: kind {}", kind);
        if (kind != CodexFaults.Kind.OTHER && fault == null) {
            fault = CodexFaults.exception(kind, message);
        }
    }
}
