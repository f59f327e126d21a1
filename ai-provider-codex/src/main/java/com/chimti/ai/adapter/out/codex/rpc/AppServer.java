package com.chimti.ai.adapter.out.codex.rpc;

import com.chimti.ai.adapter.out.codex.process.CliLauncher;
import com.chimti.ai.adapter.out.codex.process.CliProcess;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.ProviderTimeoutException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code codex app-server}: JSON-RPC 2.0 over stdio, one JSON object per line. Requests get ids and
 * a future in the pending map, answered by the reader thread; notifications go to the listeners. stdin is ours;
 * stderr is drained and only counted (it may carry secrets).
 */
public final class AppServer implements AutoCloseable {
    public static final String PID_FILE = "app-server.pid";
    /** The server request that runs one of a thread's dynamic tools (experimental API). */
    public static final String TOOL_CALL = "item/tool/call";
    private static final Logger LOG = LoggerFactory.getLogger(AppServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Same as every file the server writes in a profile: the owner's alone. */
    private static final Set<PosixFilePermission> PID_FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final String name;
    private final CliProcess process;
    private final OutputStream stdin;
    private final Duration timeout;
    private final Path pidFile;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> exitListeners = new CopyOnWriteArrayList<>();
    /** threadId -> the running turn that answers that thread's {@value #TOOL_CALL} requests. */
    private final Map<String, Consumer<ServerRequest>> toolCallHandlers = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private AppServer(String name, CliProcess process, Duration timeout, Path pidFile) {
        this.name = name;
        this.process = process;
        this.stdin = process.stdin();
        this.timeout = timeout;
        this.pidFile = pidFile;
    }

    /** Starts {@code codex app-server} for one profile and runs the initialize handshake. */
    public static AppServer start(CliLauncher launcher, Map<String, String> env, Path home, Path workDir,
                                  Duration timeout, String name) {
        // long-lived: no watchdog; it is stopped when idle, evicted or closed
        CliProcess process = launcher.start(List.of("app-server"), env, home, workDir, null, "codex-app-server",
                name);
        AppServer server = new AppServer(name, process, timeout, home.resolve(PID_FILE));
        server.writePidFile();
        process.readLines(JsonLines.parsing("codex app-server " + name, server::dispatch));
        process.outputEnded().whenComplete((ended, failure) -> server.exited());
        try {
            ObjectNode init = JSON.createObjectNode();
            init.putObject("clientInfo").put("name", "chimti-ai").put("version", "1");
            // dynamic tools (the action proposals of a chat turn) are an experimental API in 0.169.0
            init.putObject("capabilities").put("experimentalApi", true);
            server.request("initialize", init);
            server.notify("initialized", null);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.debug("codex app-server {} started (pid {})", name, process.pid());
        return server;
    }

    private void writePidFile() {
        try {
            String start = process.startInstant().map(Object::toString).orElse("");
            Files.writeString(pidFile, process.pid() + " " + start + "\n");
            Files.setPosixFilePermissions(pidFile, PID_FILE_MODE);
        } catch (IOException e) {
            LOG.warn("could not write the pid file of codex app-server {}", name);
        }
    }

    public void onNotification(BiConsumer<String, JsonNode> listener) {
        listeners.add(listener);
    }

    public void removeNotificationListener(BiConsumer<String, JsonNode> listener) {
        listeners.remove(listener);
    }

    /**
     * Routes the {@value #TOOL_CALL} requests of {@code threadId} to {@code handler} (called on the reader thread;
     * it must answer later with {@link #respond}, off that thread). Any other server request stays refused.
     */
    public void onToolCall(String threadId, Consumer<ServerRequest> handler) {
        toolCallHandlers.put(threadId, handler);
    }

    public void removeToolCallHandler(String threadId, Consumer<ServerRequest> handler) {
        toolCallHandlers.remove(threadId, handler);
    }

    /** Answers a server request. */
    public void respond(JsonNode id, JsonNode result) {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", id);
        reply.set("result", result);
        write(reply);
    }

    /** A request the app-server sent us: its id (echoed in the answer) and params. */
    public record ServerRequest(JsonNode id, JsonNode params) {
    }

    public void onExit(Runnable listener) {
        exitListeners.add(listener);
    }

    public boolean isAlive() {
        return !closed.get() && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public JsonNode request(String method, JsonNode params) {
        return request(method, params, timeout);
    }

    public JsonNode request(String method, JsonNode params, Duration wait) {
        CompletableFuture<JsonNode> future = send(method, params);
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProviderTimeoutException("Codex did not answer " + method + " in time");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ProviderFailureException("Codex request " + method + " failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFailureException("interrupted while waiting for Codex");
        }
    }

    /** Sends a request; the future completes with the result or fails with a {@link CodexRpcException}. */
    public CompletableFuture<JsonNode> send(String method, JsonNode params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        pending.put(id, future);
        future.whenComplete((r, t) -> pending.remove(id));
        ObjectNode message = JSON.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.put("id", id);
        message.put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        try {
            write(message);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    private void notify(String method, JsonNode params) {
        ObjectNode message = JSON.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        write(message);
    }

    private void write(JsonNode message) {
        if (closed.get()) {
            throw new ProviderFailureException("the Codex process has stopped");
        }
        try {
            byte[] line = (JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (stdin) {
                stdin.write(line);
                stdin.flush();
            }
        } catch (IOException e) {
            throw new ProviderFailureException("the Codex process has stopped", e);
        }
    }

    private void dispatch(JsonNode message) {
        JsonNode id = message.get("id");
        String method = message.path("method").asText(null);
        if (method == null && id != null) {
            CompletableFuture<JsonNode> future = pending.get(id.asLong());
            if (future == null) {
                return;
            }
            if (message.hasNonNull("error")) {
                JsonNode error = message.get("error");
                future.completeExceptionally(new CodexRpcException(error.path("code").asInt(),
                        error.path("message").asText("error")));
            } else {
                future.complete(message.path("result"));
            }
        } else if (method != null && id != null) {
            Consumer<ServerRequest> handler = TOOL_CALL.equals(method)
                    ? toolCallHandlers.get(message.path("params").path("threadId").asText("")) : null;
            if (handler != null) {
                handler.accept(new ServerRequest(id, message.path("params")));
                return;
            }
            // any other request from the server (approvals and the like): we never grant anything
            ObjectNode reply = JSON.createObjectNode();
            reply.put("jsonrpc", "2.0");
            reply.set("id", id);
            reply.putObject("error").put("code", -32601).put("message", "not supported by this client");
            try {
                write(reply);
            } catch (RuntimeException ignored) {
                // process gone
            }
        } else if (method != null) {
            JsonNode params = message.path("params");
            for (BiConsumer<String, JsonNode> listener : listeners) {
                try {
                    listener.accept(method, params);
                } catch (RuntimeException e) {
                    LOG.warn("a Codex notification listener failed on {}", method, e);
                }
            }
        }
    }

    private void exited() {
        boolean first = closed.compareAndSet(false, true);
        ProviderFailureException gone = new ProviderFailureException("the Codex process has stopped");
        pending.values().forEach(f -> f.completeExceptionally(gone));
        if (first) {
            LOG.debug("codex app-server {} output ended ({} stderr lines)", name, process.stderrLines());
        }
        exitListeners.forEach(r -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("a Codex exit listener failed", e);
            }
        });
        exitListeners.clear();
    }

    /** Closes stdin and kills the process tree. */
    @Override
    public void close() {
        closed.set(true);
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
        process.killTree(Duration.ofSeconds(2));
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // cleaned at next start
        }
        LOG.debug("codex app-server {} stopped ({} stderr lines)", name, process.stderrLines());
    }
}
