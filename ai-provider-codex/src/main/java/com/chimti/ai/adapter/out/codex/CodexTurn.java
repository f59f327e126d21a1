package com.chimti.ai.adapter.out.codex;

import com.chimti.ai.core.domain.CompletionRequest;
import com.chimti.ai.core.domain.CompletionResult;
import com.chimti.ai.core.domain.MessageRole;
import com.chimti.ai.core.domain.PromptMessage;
import com.chimti.ai.core.domain.ProviderFailureException;
import com.chimti.ai.core.domain.ProviderNotConnectedException;
import com.chimti.ai.core.domain.ProviderTimeoutException;
import com.chimti.ai.core.domain.RateLimitedException;
import com.chimti.ai.core.domain.TokenUsage;
import com.chimti.ai.core.domain.TurnOutcome;
import com.chimti.ai.core.port.out.TurnListener;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/** One chat turn through the user's app-server: an ephemeral read-only thread, one turn, deltas streamed. */
final class CodexTurn {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CodexProvider provider;
    private final CompletionRequest request;
    private final TurnListener listener;
    private final StringBuilder text = new StringBuilder();
    private final CompletableFuture<JsonNode> done = new CompletableFuture<>();
    private volatile String threadId;
    private volatile String turnId;
    private volatile TokenUsage usage = TokenUsage.NONE;

    CodexTurn(CodexProvider provider, CompletionRequest request, TurnListener listener) {
        this.provider = provider;
        this.request = request;
        this.listener = listener == null ? TurnListener.NONE : listener;
    }

    CompletionResult run() {
        String model = request.model() == null || request.model().isBlank()
                ? provider.modelFor(request.userId()) : request.model();
        long deadline = System.nanoTime() + request.timeout().toNanos();
        try (AppServerRegistry.Lease lease = provider.leaseFor(request.userId())) {
            AppServer server = lease.server();
            JsonNode account = server.request("account/read", JSON.createObjectNode()).path("account");
            if (account.isMissingNode() || account.isNull()) {
                throw new ProviderNotConnectedException("no Codex account is connected");
            }
            BiConsumer<String, JsonNode> events = this::onEvent;
            server.onNotification(events);
            try {
                ObjectNode start = JSON.createObjectNode();
                start.put("cwd", provider.workspace(request.userId()).toAbsolutePath().toString());
                start.put("sandbox", "read-only");
                start.put("approvalPolicy", "never");
                start.put("ephemeral", true);
                start.put("model", model);
                threadId = server.request("thread/start", start).path("thread").path("id").asText(null);
                if (threadId == null) {
                    throw new ProviderFailureException("Codex did not start a thread");
                }
                ObjectNode turn = JSON.createObjectNode();
                turn.put("threadId", threadId);
                turn.putArray("input").addObject().put("type", "text").put("text", prompt());
                turnId = server.request("turn/start", turn).path("turn").path("id").asText(null);
                request.cancellation().onCancel(() -> interrupt(server));
                TurnOutcome outcome = waitForEnd(server, deadline);
                return new CompletionResult(text.toString(), usage, model, outcome);
            } finally {
                server.removeNotificationListener(events);
            }
        }
    }

    private TurnOutcome waitForEnd(AppServer server, long deadline) {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                interrupt(server);
                return TurnOutcome.TIMED_OUT;
            }
            try {
                JsonNode completed = done.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)),
                        TimeUnit.NANOSECONDS);
                String status = completed.path("turn").path("status").asText("completed");
                if (request.cancellation().isCancelled() || "interrupted".equals(status)) {
                    return TurnOutcome.CANCELLED;
                }
                if ("failed".equals(status)) {
                    throw failure(completed.path("turn").path("error"));
                }
                return TurnOutcome.COMPLETED;
            } catch (TimeoutException e) {
                if (!server.isAlive()) {
                    throw new ProviderFailureException("the Codex process has stopped");
                }
            } catch (ExecutionException e) {
                throw new ProviderFailureException("the Codex turn failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupt(server);
                throw new ProviderTimeoutException("interrupted while waiting for Codex");
            }
        }
    }

    /** Maps a failed turn's {@code error {message, codexErrorInfo}} to the core's exceptions. */
    static RuntimeException failure(JsonNode error) {
        JsonNode info = error.path("codexErrorInfo");
        String kind = info.isTextual() ? info.asText() : "";
        int http = 0;
        if (info.isObject() && info.size() > 0) {
            http = info.elements().next().path("httpStatusCode").asInt(0);
        }
        String message = error.path("message").asText("").toLowerCase(java.util.Locale.ROOT);
        if (kind.equals("usageLimitExceeded") || kind.equals("rateLimitExceeded") || http == 429
                || message.contains("usage limit")) {
            return new RateLimitedException("the Codex usage limit is reached", Duration.ofMinutes(5));
        }
        if (kind.equals("unauthorized") || http == 401 || message.contains("401")
                || message.contains("unauthorized")) {
            return new ProviderNotConnectedException("Codex refused the account's credentials");
        }
        return new ProviderFailureException("the Codex turn failed");
    }

    private void interrupt(AppServer server) {
        if (threadId == null || turnId == null || done.isDone()) {
            return;
        }
        ObjectNode params = JSON.createObjectNode().put("threadId", threadId).put("turnId", turnId);
        server.send("turn/interrupt", params);
        // the turn still ends with turn/completed (interrupted); don't wait forever for it
        CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS).execute(() -> done.complete(
                JSON.createObjectNode().set("turn", JSON.createObjectNode().put("status", "interrupted"))));
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
            case "turn/completed" -> done.complete(params);
            default -> {
            }
        }
    }

    /** The conversation as one prompt: the business context, earlier messages, then the new message. */
    private String prompt() {
        StringBuilder prompt = new StringBuilder();
        if (!request.context().text().isBlank()) {
            prompt.append("Business context:\n").append(request.context().text()).append("\n\n");
        }
        if (request.messages().size() > 1) {
            prompt.append("Conversation so far:\n");
            for (PromptMessage m : request.messages().subList(0, request.messages().size() - 1)) {
                prompt.append(m.role().wireName()).append(": ").append(m.content()).append('\n');
            }
            prompt.append('\n');
        }
        PromptMessage last = request.lastMessage();
        if (last.role() != MessageRole.USER) {
            prompt.append(last.role().wireName()).append(": ");
        }
        prompt.append(last.content());
        return prompt.toString();
    }
}
