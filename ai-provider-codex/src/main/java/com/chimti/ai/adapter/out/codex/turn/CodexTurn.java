package com.chimti.ai.adapter.out.codex.turn;

import com.chimti.ai.adapter.out.codex.rpc.AppServer;
import com.chimti.ai.adapter.out.codex.rpc.CodexRpcException;
import com.chimti.ai.adapter.out.codex.runtime.AppServerLease;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.out.TurnListener;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat turn through the user's app-server (mode {@code app-server}): read-only sandbox, approval policy
 * never, the user's workspace as cwd, the chat's model; deltas streamed as they arrive.
 *
 * <p>A chat ({@code chatId} set) keeps its Codex thread: the first message starts a persistent thread with the
 * history folded in and remembers its id ({@link ChatThreads}); later messages {@code thread/resume} it and send
 * only the new message. When resuming fails (thread unknown, rollout lost) the thread is rebuilt: a new one
 * with the stored history folded in, whose id replaces the old. One-shot calls use an ephemeral thread.
 *
 * <p>Actions: when the request offers {@linkplain CompletionRequest#proposals() proposals}, the thread is started
 * with one dynamic tool ({@link CodexActionTool}); the app-server's {@code item/tool/call} requests for this
 * thread are queued by the reader thread and answered here, on the turn's own thread, between waits: the proposal
 * is recorded through the core before the model hears its outcome, and never after the turn has returned. A
 * resumed thread keeps the tools it was started with, so a chat whose offer changed gets a new thread.
 *
 * <p>Timeout and cancel: {@code turn/interrupt}, then up to {@link #GRACE} for the turn to end; if it does
 * not, the app-server is killed with its process tree when no other call uses it. The partial answer is
 * returned as CANCELLED / TIMED_OUT.
 */
public final class CodexTurn {
    static final Duration GRACE = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(CodexTurn.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompletionRequest request;
    private final TurnListener listener;
    private final String model;
    /** The user's CODEX_HOME, where the chat's thread id is kept. */
    private final Path home;
    /** The user's working folder, the thread's cwd. */
    private final String workspace;
    private final long deadline;
    /** The action tool this turn offers, as {@code dynamicTools} (empty: none). */
    private final ArrayNode tools;
    private final StringBuilder text = new StringBuilder();
    private final CompletableFuture<JsonNode> done = new CompletableFuture<>();
    /** Tool calls of this turn's thread, queued by the reader thread; {@link #WAKE} when the turn has ended. */
    private final BlockingQueue<AppServer.ServerRequest> toolCalls = new LinkedBlockingQueue<>();
    private static final AppServer.ServerRequest WAKE = new AppServer.ServerRequest(null, null);
    private volatile String threadId;
    private volatile String turnId;
    private volatile TokenUsage usage = TokenUsage.NONE;
    private volatile RuntimeException fault;
    private volatile boolean interruptSent;
    private volatile AppServer server;

    /** The turn's time runs from here: the lease it then runs on may have to start the app-server first. */
    public CodexTurn(CompletionRequest request, TurnListener listener, String model, Path home, Path workspace) {
        this.request = request;
        this.listener = listener == null ? TurnListener.NONE : listener;
        this.model = model;
        this.home = home;
        this.workspace = workspace.toAbsolutePath().toString();
        this.deadline = System.nanoTime() + request.timeout().toNanos();
        this.tools = CodexActionTool.dynamicTools(request.proposals());
        done.whenComplete((result, failure) -> toolCalls.offer(WAKE));
    }

    /** Runs the turn on the user's app-server, which {@code lease} holds. */
    public CompletionResult run(AppServerLease lease) {
        AppServer server = lease.server();
        this.server = server;
        JsonNode account = server.request("account/read", JSON.createObjectNode()).path("account");
        if (account.isMissingNode() || account.isNull()) {
            throw new ProviderNotConnectedException("no Codex account is connected");
        }
        BiConsumer<String, JsonNode> events = LogContext.carried(this::onEvent); // logs under the request
        Consumer<AppServer.ServerRequest> calls = toolCalls::offer;
        server.onNotification(events);
        try {
            String prompt = openThread(server);
            server.onToolCall(threadId, calls);
            ObjectNode turn = JSON.createObjectNode();
            turn.put("threadId", threadId);
            turn.putArray("input").addObject().put("type", "text").put("text", prompt);
            turnId = server.request("turn/start", turn).path("turn").path("id").asText(null);
            request.cancellation().onCancel(() -> interrupt(server));
            TurnOutcome outcome = waitForEnd(server, lease);
            String answer;
            synchronized (text) {
                answer = text.toString();
            }
            return new CompletionResult(answer, usage, model, outcome);
        } finally {
            server.removeNotificationListener(events);
            if (threadId != null) {
                server.removeToolCallHandler(threadId, calls);
            }
            refusePendingToolCalls(server);
        }
    }

    /** Starts or resumes the thread; returns the text to send in the turn. */
    private String openThread(AppServer server) {
        if (request.chatId() == null) {
            threadId = startThread(server, true);
            return Prompts.folded(request);
        }
        String contextHash = ChatThreads.sha256(request.context().text());
        String toolsHash = CodexActionTool.fingerprint(tools);
        ChatThreads.Stored stored = ChatThreads.find(home, request.chatId()).orElse(null);
        if (stored != null && !toolsHash.equals(stored.toolsHash())) {
            LOG.debug("codex chat thread offers other tools; rebuilding it from the history");
            stored = null;
        }
        if (stored != null && request.messages().size() > 1) {
            ObjectNode resume = JSON.createObjectNode();
            resume.put("threadId", stored.threadId());
            resume.put("cwd", workspace);
            resume.put("sandbox", "read-only");
            resume.put("approvalPolicy", "never");
            resume.put("model", model);
            resume.put("excludeTurns", true);
            try {
                JsonNode answer = server.request("thread/resume", resume);
                threadId = answer.path("thread").path("id").asText(stored.threadId());
                LOG.debug("codex chat thread resumed");
                String prompt = Prompts.lastMessage(request);
                if (!contextHash.equals(stored.contextHash()) && !request.context().text().isBlank()) {
                    // the business context changed since the thread last saw it: send the current one along
                    prompt = "Business context (updated):\n" + request.context().text() + "\n\n" + prompt;
                    ChatThreads.remember(home, request.chatId(), threadId, contextHash, toolsHash);
                }
                return prompt;
            } catch (CodexRpcException e) {
                LOG.info("codex chat thread could not be resumed (rpc code {}); rebuilding it from the history",
                        e.code());
            }
        }
        threadId = startThread(server, false);
        ChatThreads.remember(home, request.chatId(), threadId, contextHash, toolsHash);
        return Prompts.folded(request);
    }

    private String startThread(AppServer server, boolean ephemeral) {
        ObjectNode start = JSON.createObjectNode();
        start.put("cwd", workspace);
        start.put("sandbox", "read-only");
        start.put("approvalPolicy", "never");
        start.put("ephemeral", ephemeral);
        start.put("model", model);
        if (!tools.isEmpty()) {
            start.set("dynamicTools", tools);
        }
        String id = server.request("thread/start", start).path("thread").path("id").asText(null);
        if (id == null) {
            throw new ProviderFailureException("Codex did not start a thread");
        }
        return id;
    }

    private TurnOutcome waitForEnd(AppServer server, AppServerLease lease) {
        while (true) {
            boolean timedOut = deadline - System.nanoTime() <= 0;
            if (timedOut || request.cancellation().isCancelled()) {
                interrupt(server);
                endAfterInterrupt(server, lease);
                return timedOut && !request.cancellation().isCancelled()
                        ? TurnOutcome.TIMED_OUT : TurnOutcome.CANCELLED;
            }
            try {
                long left = deadline - System.nanoTime();
                AppServer.ServerRequest call = toolCalls.poll(
                        Math.max(1, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200))), TimeUnit.NANOSECONDS);
                if (call != null && call != WAKE) {
                    answerToolCall(server, call);
                    continue;
                }
                if (!done.isDone()) {
                    if (!server.isAlive()) {
                        throw new ProviderFailureException("the Codex process has stopped");
                    }
                    continue;
                }
                JsonNode completed = done.get();
                if (fault != null) {
                    throw fault;
                }
                String status = completed.path("turn").path("status").asText("completed");
                if (request.cancellation().isCancelled() || "interrupted".equals(status)) {
                    return TurnOutcome.CANCELLED;
                }
                if ("failed".equals(status)) {
                    JsonNode error = completed.path("turn").path("error");
                    throw CodexFaults.exception(CodexFaults.kind(error), error.path("message").asText(""));
                }
                return TurnOutcome.COMPLETED;
            } catch (ExecutionException e) {
                throw new ProviderFailureException("the Codex turn failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupt(server);
                endAfterInterrupt(server, lease);
                return TurnOutcome.CANCELLED;
            }
        }
    }

    /** Records the model's proposal through the core and tells the app-server what the model should hear. */
    private void answerToolCall(AppServer server, AppServer.ServerRequest call) {
        ObjectNode result = CodexActionTool.answer(request.proposals(), call.params());
        try {
            server.respond(call.id(), result);
        } catch (RuntimeException e) {
            LOG.debug("codex tool call answer could not be sent: {}", e.getClass().getSimpleName());
        }
    }

    /** A tool call still queued when the turn ends is refused, so the app-server never waits on it. */
    private void refusePendingToolCalls(AppServer server) {
        AppServer.ServerRequest call;
        while ((call = toolCalls.poll()) != null) {
            if (call != WAKE) {
                refuse(server, call);
            }
        }
    }

    private static void refuse(AppServer server, AppServer.ServerRequest call) {
        try {
            server.respond(call.id(), CodexActionTool.refusal("the turn has ended"));
        } catch (RuntimeException e) {
            LOG.debug("codex tool call refusal could not be sent: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Gives an interrupted turn {@link #GRACE} to end, refusing any tool call meanwhile (so the app-server never
     * waits on us); kills the app-server (if only we use it) otherwise.
     */
    private void endAfterInterrupt(AppServer server, AppServerLease lease) {
        long until = System.nanoTime() + GRACE.toNanos();
        try {
            while (!done.isDone()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    LOG.info("codex turn did not stop after turn/interrupt; stopping the app-server if unshared");
                    lease.killIfSole();
                    return;
                }
                AppServer.ServerRequest call = toolCalls.poll(left, TimeUnit.NANOSECONDS);
                if (call != null && call != WAKE) {
                    refuse(server, call);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lease.killIfSole();
        }
    }

    private void interrupt(AppServer server) {
        if (threadId == null || turnId == null || done.isDone() || interruptSent) {
            return;
        }
        interruptSent = true;
        ObjectNode params = JSON.createObjectNode().put("threadId", threadId).put("turnId", turnId);
        try {
            server.send("turn/interrupt", params);
        } catch (RuntimeException e) {
            LOG.debug("codex turn/interrupt could not be sent: {}", e.getClass().getSimpleName());
        }
    }

    private void onEvent(String method, JsonNode params) {
        if (threadId == null || !threadId.equals(params.path("threadId").asText(null))) {
            return;
        }
        switch (method) {
            case "item/agentMessage/delta" -> {
                String delta = params.path("delta").asText("");
                synchronized (text) {
                    text.append(delta);
                }
                listener.onDelta(delta);
            }
            case "thread/tokenUsage/updated" -> {
                JsonNode total = params.path("tokenUsage").path("total");
                usage = new TokenUsage(total.path("inputTokens").asLong(0), total.path("outputTokens").asLong(0));
                listener.onUsage(usage);
            }
            case "item/started" -> {
                String type = params.path("item").path("type").asText("");
                if (!type.isEmpty() && !"agentMessage".equals(type) && !"userMessage".equals(type)) {
                    listener.onProgress(type, type);
                }
            }
            case "error" -> onError(params);
            case "turn/completed" -> done.complete(params);
            default -> {
            }
        }
    }

    /**
     * An {@code error} notification, also sent while the CLI retries. A 401 or a usage limit ends the turn at
     * once (the CLI would retry a 401 several times first); other retried errors (network) are left to the
     * timeout.
     */
    private void onError(JsonNode params) {
        JsonNode error = params.path("error");
        CodexFaults.Kind kind = CodexFaults.kind(error);
        boolean willRetry = params.path("willRetry").asBoolean(false);
        LOG.debug("codex turn error event: kind {}, willRetry {}", kind, willRetry);
        if (kind != CodexFaults.Kind.OTHER) {
            if (fault == null) {
                fault = CodexFaults.exception(kind, error.path("message").asText(""));
            }
            if (willRetry) {
                // don't let the CLI retry a refused credential or a used-up plan: stop the turn now
                AppServer current = server;
                if (current != null) {
                    interrupt(current);
                }
                done.complete(JSON.createObjectNode());
            }
        }
    }
}
