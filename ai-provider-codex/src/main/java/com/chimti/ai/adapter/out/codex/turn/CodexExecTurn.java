package com.chimti.ai.adapter.out.codex.turn;

import com.chimti.ai.adapter.out.codex.process.CliProcess;
import com.chimti.ai.adapter.out.codex.rpc.JsonLines;
import com.chimti.ai.adapter.out.codex.runtime.ExecLease;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.out.TurnListener;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat turn as one {@code codex exec} process (mode {@code exec}):
 * {@code codex exec --json --skip-git-repo-check --ephemeral -s read-only -C <workspace> -m <model> -},
 * argument list only, environment from scratch, the prompt written to stdin which is then closed (so it never
 * shows in the process list), stderr drained unread (it may carry secrets).
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
 * <p>The process holds, through its {@link ExecLease}, a place under the global process cap for its whole life (the
 * one the turn reserved, or a new one taken after the user's idle app-server was stopped) and the profile
 * exclusively (the user's idle app-server is stopped first; other calls on that profile wait): a single writer.
 *
 * <p>Timeout and cancel: SIGINT ({@link CliProcess#interrupt}), then after {@link CodexTurn#GRACE} SIGTERM and
 * SIGKILL to the whole process tree. The process is always gone when {@link #run} returns. commons-exec's watchdog
 * is the backstop: it ends the process if it outlives the turn's deadline by {@link #WATCHDOG_MARGIN}.
 */
public final class CodexExecTurn {
    /** How long past the turn's deadline the watchdog waits before it ends the process itself. */
    static final Duration WATCHDOG_MARGIN = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(CodexExecTurn.class);

    private final CompletionRequest request;
    private final TurnListener listener;
    private final String model;
    private final long deadline;
    private final StringBuilder text = new StringBuilder();
    private volatile TokenUsage usage = TokenUsage.NONE;
    private volatile RuntimeException fault;
    private volatile String failedMessage;

    /** The turn's time runs from here: the lease it then runs on may have to wait for the user's profile. */
    public CodexExecTurn(CompletionRequest request, TurnListener listener, String model) {
        this.request = request;
        this.listener = listener == null ? TurnListener.NONE : listener;
        this.model = model;
        this.deadline = System.nanoTime() + request.timeout().toNanos();
    }

    /** Runs the turn as one process in the profile {@code lease} holds. */
    public CompletionResult run(ExecLease lease) {
        CliProcess process = lease.start(List.of("exec", "--json", "--skip-git-repo-check", "--ephemeral", "-s",
                "read-only", "-C", lease.workspace().toString(), "-m", model, "-"),
                request.timeout().plus(WATCHDOG_MARGIN));
        try {
            process.readLines(LogContext.carried(JsonLines.parsing("codex exec", this::onEventSafely)));
            request.cancellation().onCancel(process::interrupt);
            // after the reader and the cancel hook: a CLI that stalls on a large prompt can still be stopped
            writePromptAndClose(process, Prompts.folded(request));
            TurnOutcome outcome = waitForEnd(process);
            stopTree(process);
            String answer;
            synchronized (text) {
                answer = text.toString();
            }
            return new CompletionResult(answer, usage, model, outcome, process.exitValue());
        } finally {
            stopTree(process);
            Integer exit = process.exitValue();
            LOG.debug("codex exec ended (exit {})", exit == null ? "?" : exit);
        }
    }

    /**
     * The prompt goes through stdin ({@code -}), never argv, so it cannot be read off the process list; stdin is
     * closed right after, as exec otherwise waits for more input. A process that died early just ends the turn.
     */
    private static void writePromptAndClose(CliProcess process, String prompt) {
        try (OutputStream stdin = process.stdin()) {
            stdin.write(prompt.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("codex exec did not take its prompt: {}", e.getClass().getSimpleName());
        }
    }

    /** Nothing of the exec (nor a child it started) outlives the turn. */
    private static void stopTree(CliProcess process) {
        if (process.isAlive() || process.hasDescendants()) {
            process.killTree(CodexTurn.GRACE);
        }
    }

    private TurnOutcome waitForEnd(CliProcess process) {
        while (true) {
            boolean cancelled = request.cancellation().isCancelled();
            if (cancelled || deadline - System.nanoTime() <= 0) {
                stop(process);
                return cancelled ? TurnOutcome.CANCELLED : TurnOutcome.TIMED_OUT;
            }
            if (fault != null) {
                // a refused credential or a used-up plan: don't wait for the CLI's retries
                process.killTree(Duration.ofMillis(500));
                throw fault;
            }
            try {
                long left = deadline - System.nanoTime();
                process.outputEnded().get(Math.max(1, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200))),
                        TimeUnit.NANOSECONDS);
                if (!process.waitFor(CodexTurn.GRACE)) {
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
                Integer exit = process.exitValue();
                if (exit != null && exit != 0) {
                    throw new ProviderFailureException("the Codex turn failed (exit " + exit + ")");
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
    private static void stop(CliProcess process) {
        process.interrupt();
        try {
            if (process.waitFor(CodexTurn.GRACE) && !process.hasDescendants()) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.killTree(CodexTurn.GRACE);
    }

    private void onEventSafely(JsonNode event) {
        try {
            onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("a codex exec event could not be handled: {}", e.getClass().getSimpleName());
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
