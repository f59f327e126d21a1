package com.chimti.ai.adapter.out.codex;

import com.chimti.ai.core.domain.ProviderFailureException;
import com.chimti.ai.core.domain.ProviderTimeoutException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
final class AppServer implements AutoCloseable {
    static final String PID_FILE = "app-server.pid";
    /** The server request that runs one of a thread's dynamic tools (experimental API). */
    static final String TOOL_CALL = "item/tool/call";
    private static final Logger LOG = LoggerFactory.getLogger(AppServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Process process;
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
    private final AtomicLong stderrLines = new AtomicLong();

    private AppServer(String name, Process process, Duration timeout, Path pidFile) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.timeout = timeout;
        this.pidFile = pidFile;
    }

    /** Starts {@code codex app-server} for one profile and runs the initialize handshake. */
    static AppServer start(CliLauncher launcher, Map<String, String> env, Path home, Path workDir,
                           Duration timeout, String name) {
        Process process = launcher.start(List.of("app-server"), env, home, workDir, true);
        Path pidFile = home.resolve(PID_FILE);
        AppServer server = new AppServer(name, process, timeout, pidFile);
        server.writePidFile();
        server.startThreads();
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
            String start = process.info().startInstant().map(Object::toString).orElse("");
            Files.writeString(pidFile, process.pid() + " " + start + "\n");
            Files.setPosixFilePermissions(pidFile, CodexProfiles.FILE_MODE);
        } catch (IOException e) {
            LOG.warn("could not write the pid file of codex app-server {}", name);
        }
    }

    private void startThreads() {
        Thread reader = new Thread(this::readLoop, "codex-app-server-out-" + name);
        reader.setDaemon(true);
        reader.start();
        Thread drain = new Thread(this::drainStderr, "codex-app-server-err-" + name);
        drain.setDaemon(true);
        drain.start();
    }

    void onNotification(BiConsumer<String, JsonNode> listener) {
        listeners.add(listener);
    }

    void removeNotificationListener(BiConsumer<String, JsonNode> listener) {
        listeners.remove(listener);
    }

    /**
     * Routes the {@value #TOOL_CALL} requests of {@code threadId} to {@code handler} (called on the reader thread;
     * it must answer later with {@link #respond}, off that thread). Any other server request stays refused.
     */
    void onToolCall(String threadId, Consumer<ServerRequest> handler) {
        toolCallHandlers.put(threadId, handler);
    }

    void removeToolCallHandler(String threadId, Consumer<ServerRequest> handler) {
        toolCallHandlers.remove(threadId, handler);
    }

    /** Answers a server request. */
    void respond(JsonNode id, JsonNode result) {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", id);
        reply.set("result", result);
        write(reply);
    }

    /** A request the app-server sent us: its id (echoed in the answer) and params. */
    record ServerRequest(JsonNode id, JsonNode params) {
    }

    void onExit(Runnable listener) {
        exitListeners.add(listener);
    }

    boolean isAlive() {
        return !closed.get() && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    JsonNode request(String method, JsonNode params) {
        return request(method, params, timeout);
    }

    JsonNode request(String method, JsonNode params, Duration wait) {
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
    CompletableFuture<JsonNode> send(String method, JsonNode params) {
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

    void notify(String method, JsonNode params) {
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

    private void readLoop() {
        try {
            JsonLines.read(process.getInputStream(), "codex app-server " + name, this::dispatch);
        } finally {
            exited();
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

    private void drainStderr() {
        byte[] buffer = new byte[8192];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        stderrLines.incrementAndGet();
                    }
                }
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    private void exited() {
        boolean first = closed.compareAndSet(false, true);
        ProviderFailureException gone = new ProviderFailureException("the Codex process has stopped");
        pending.values().forEach(f -> f.completeExceptionally(gone));
        if (first) {
            LOG.debug("codex app-server {} output ended ({} stderr lines)", name, stderrLines.get());
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

    @Override
    public void close() {
        closed.set(true);
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
        ProcessTrees.kill(process.toHandle(), Duration.ofSeconds(2));
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // cleaned at next start
        }
        LOG.debug("codex app-server {} stopped ({} stderr lines)", name, stderrLines.get());
    }

    /** An error answer of the app-server. The message is the CLI's and is not shown to users verbatim. */
    static final class CodexRpcException extends RuntimeException {
        final int code;

        CodexRpcException(int code, String message) {
            super(sanitize(message), null, false, false);
            this.code = code;
        }

        /** The CLI may quote a server's answer; keep only the first 300 chars before any quoted body. */
        static String sanitize(String message) {
            if (message == null) {
                return "error";
            }
            String oneLine = message.replaceAll("\\s+", " ").strip();
            int body = oneLine.indexOf("body=");
            if (body >= 0) {
                oneLine = oneLine.substring(0, body).strip();
            }
            return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
        }
    }
}
