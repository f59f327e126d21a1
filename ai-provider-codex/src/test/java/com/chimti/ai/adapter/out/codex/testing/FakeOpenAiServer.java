package com.chimti.ai.adapter.out.codex.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small fake of the OpenAI endpoints the Codex CLI 0.169.0 talks to, on 127.0.0.1 and a random port: the
 * device sign-in ({@code /api/accounts/deviceauth/usercode}, {@code /api/accounts/deviceauth/token},
 * {@code /oauth/token}), the ChatGPT backend ({@code /backend-api/wham/accounts/check},
 * {@code /backend-api/wham/usage}) and the model ({@code POST /v1/responses}, an SSE stream). Everything else
 * is 404. It records every request's path and {@code Authorization} header.
 *
 * <p>Point the CLI at it with {@link #writeCodexConfig(Path)} (the operator TOML, e.g. CODEX_CONFIG_FILE) and
 * the environment {@link #loginIssuerEnv()} ({@code CODEX_APP_SERVER_LOGIN_ISSUER}, to be passed through).
 * A device login stays pending until {@link #approve(String, String, String)} is called with its user code.
 *
 * <p>Function calls: {@link #proposeOnNextTurn} makes the next turn's model call a tool (a {@code function_call}
 * output item, as the Responses API streams it); the CLI runs the tool and asks again with the
 * {@code function_call_output}, which the fake answers with text echoing that output ("Tool said: ...").
 *
 * <p>Pacing: {@link #stepDeltas} sends an answer one text delta at a time, each next one on {@link #nextDelta()},
 * so a test sees every step arrive (the console's browser tests); {@link #holdAfterDeltas} pauses mid-answer.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    public static final String ISSUER_ENV = "CODEX_APP_SERVER_LOGIN_ISSUER";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived. */
    public record Recorded(String method, String path, String authorization) {
        public boolean carries(String token) {
            return authorization != null && authorization.equals("Bearer " + token);
        }
    }

    /** The ChatGPT identity a user code was approved as, and the tokens issued for it. */
    public record Identity(String email, String plan, String accountId, String accessToken, String idToken,
                           String refreshToken) {
    }

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    /** device_auth_id -> user code. */
    private final Map<String, String> deviceCodes = new ConcurrentHashMap<>();
    /** user code -> identity, once approved. */
    private final Map<String, Identity> approved = new ConcurrentHashMap<>();
    /** authorization code -> identity. */
    private final Map<String, Identity> authCodes = new ConcurrentHashMap<>();
    /** access token -> identity. */
    private final Map<String, Identity> byAccessToken = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile boolean refuseTokenExchange;
    private volatile String reply = "Hello from the fake model.";
    private volatile int usedPercent = 42;
    private volatile java.util.concurrent.CountDownLatch stall;
    private volatile boolean usageLimitReached;
    private volatile boolean unauthorized;
    private volatile int holdAfterDeltas = -1;
    private volatile java.util.concurrent.Semaphore steps;
    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger holding = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger finishedResponses = new java.util.concurrent.atomic.AtomicInteger();
    private final List<String> responseBodies = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> usedPercentByEmail = new ConcurrentHashMap<>();
    /** Scripted function calls, one list per coming turn. */
    private final java.util.Deque<List<FunctionCall>> scriptedTurns = new java.util.ArrayDeque<>();
    /** The calls of the turn in progress still to be made. */
    private final java.util.Deque<FunctionCall> activeCalls = new java.util.ArrayDeque<>();
    private final List<String> toolOutputs = new CopyOnWriteArrayList<>();

    /** A function call the model makes: the tool's name and its arguments (a JSON text). */
    public record FunctionCall(String name, String arguments) {
    }

    public FakeOpenAiServer() {
        this(0);
    }

    /** On a fixed port (0 = a free one), for running it by hand beside a server. */
    public FakeOpenAiServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-openai");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}, the value of CODEX_APP_SERVER_LOGIN_ISSUER. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public Map<String, String> loginIssuerEnv() {
        return Map.of(ISSUER_ENV, baseUrl());
    }

    /** The operator TOML that sends all of Codex's traffic here. */
    public String codexConfigToml() {
        return "model_provider = \"fake\"\n"
                + "chatgpt_base_url = \"" + baseUrl() + "/backend-api/\"\n"
                + "\n"
                + "[model_providers.fake]\n"
                + "name = \"fake\"\n"
                + "base_url = \"" + baseUrl() + "/v1\"\n"
                + "wire_api = \"responses\"\n"
                + "requires_openai_auth = true\n";
    }

    public Path writeCodexConfig(Path file) {
        try {
            Files.writeString(file, codexConfigToml());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Provider settings for tests: profiles and workspaces under {@code dataDir}, the operator TOML written to
     * {@code dataDir/codex-fake.toml}, CODEX_APP_SERVER_LOGIN_ISSUER passed through, short request timeout.
     */
    public com.chimti.ai.adapter.out.codex.CodexSettings codexSettings(Path dataDir, java.time.Duration loginExpiry) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path config = writeCodexConfig(dataDir.resolve("codex-fake.toml"));
        return new com.chimti.ai.adapter.out.codex.CodexSettings(null, com.chimti.ai.adapter.out.codex.CodexSettings.PINNED_VERSION,
                dataDir.resolve("profiles"), dataDir.resolve("workspaces"),
                new com.chimti.ai.core.domain.Secret("fake-openai-test-secret"), config, List.of(ISSUER_ENV),
                loginIssuerEnv(), "gpt-5", List.of("gpt-5", "gpt-5-mini"), java.time.Duration.ofSeconds(15),
                loginExpiry, java.time.Duration.ofMinutes(5), null,
                com.chimti.ai.adapter.out.codex.process.Confinement.Mode.parse(System.getenv("CODEX_CONFINEMENT")), null);
    }

    /** The person with {@code userCode} signs in as {@code email}; the CLI's next poll gets the tokens. */
    public Identity approve(String userCode, String email, String plan) {
        int n = counter.incrementAndGet();
        String accountId = "acct-" + n + "-" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        Map<String, Object> auth = Map.of("chatgpt_plan_type", plan, "chatgpt_account_id", accountId,
                "chatgpt_user_id", "user-" + n);
        Map<String, Object> idClaims = new HashMap<>();
        idClaims.put("email", email);
        idClaims.put("https://api.openai.com/auth", auth);
        idClaims.put("iat", now);
        idClaims.put("exp", now + 86_400);
        idClaims.put("sub", "user-" + n);
        Map<String, Object> accessClaims = new HashMap<>(idClaims);
        accessClaims.put("jti", UUID.randomUUID().toString());
        Identity identity = new Identity(email, plan, accountId, jwt(accessClaims), jwt(idClaims),
                "refresh-" + UUID.randomUUID());
        approved.put(userCode, identity);
        return identity;
    }

    /** From now on {@code /oauth/token} answers 400 invalid_grant. */
    public void refuseTokenExchange(boolean refuse) {
        this.refuseTokenExchange = refuse;
    }

    /**
     * The next turn (the next {@code /v1/responses} that does not carry a tool's output) calls {@code toolName}
     * once per {@code argumentsJson}, one after another (each after the previous call's output came back); then
     * the model answers "Tool said: " and the outputs, one per line. Meant for one turn at a time.
     */
    public synchronized void proposeOnNextTurn(String toolName, String... argumentsJson) {
        if (argumentsJson.length == 0) {
            throw new IllegalArgumentException("at least one call");
        }
        scriptedTurns.add(java.util.Arrays.stream(argumentsJson).map(a -> new FunctionCall(toolName, a)).toList());
    }

    /**
     * The next turn's model calls each of {@code calls} in order (any tool, e.g. the CLI's own ones an attacker
     * would try), each after the previous one's output came back; then answers "Tool said: " and the outputs.
     */
    public synchronized void callOnNextTurn(FunctionCall... calls) {
        if (calls.length == 0) {
            throw new IllegalArgumentException("at least one call");
        }
        scriptedTurns.add(List.of(calls));
    }

    /**
     * What an attacker in front of the model tries: every tool the CLI has (its shell in both forms, image view,
     * patching, MCP reads, web search, stdin of a running command), the shell ones running {@code shellCommand},
     * the file ones pointed at {@code path}.
     */
    public static List<FunctionCall> everyCliTool(String shellCommand, String path) {
        return List.of(
                new FunctionCall("exec_command", json(Map.of("cmd", shellCommand))),
                new FunctionCall("shell", json(Map.of("command", List.of("bash", "-c", shellCommand)))),
                new FunctionCall("view_image", json(Map.of("path", path))),
                new FunctionCall("apply_patch", json(Map.of("input", "*** Begin Patch\n*** Update File: " + path
                        + "\n@@\n-{\n+{\n*** End Patch\n"))),
                new FunctionCall("read_mcp_resource", json(Map.of("server", "codex", "uri", "file://" + path))),
                new FunctionCall("list_mcp_resources", "{}"),
                new FunctionCall("web_search", json(Map.of("query", path))),
                new FunctionCall("write_stdin", json(Map.of("session_id", 1, "chars", shellCommand + "\n"))));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code function_call_output} the CLI sent back, in order (what the tools told the model). */
    public List<String> toolOutputs() {
        return List.copyOf(toolOutputs);
    }

    /** The names of the function tools offered in the last {@code /v1/responses} request. */
    public List<String> lastOfferedTools() {
        List<String> bodies = responseBodies();
        if (bodies.isEmpty()) {
            return List.of();
        }
        try {
            List<String> names = new ArrayList<>();
            JSON.readTree(bodies.get(bodies.size() - 1)).path("tools")
                    .forEach(t -> names.add(t.path("name").asText(t.path("type").asText())));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void reply(String text) {
        this.reply = text;
    }

    public void usedPercent(int percent) {
        this.usedPercent = percent;
    }

    /** The primary window's used percent reported to the account signed in as {@code email}. */
    public void usedPercent(String email, int percent) {
        usedPercentByEmail.put(email, percent);
    }

    /**
     * While on, {@code /v1/responses} sends {@code response.created} and then holds the stream open until
     * {@link #stallResponses(boolean)} turns it off again (or the server closes): a model that never finishes.
     */
    public synchronized void stallResponses(boolean on) {
        if (on && stall == null) {
            stall = new java.util.concurrent.CountDownLatch(1);
        } else if (!on && stall != null) {
            stall.countDown();
            stall = null;
        }
    }

    /** While on, {@code /v1/responses} answers 429 "usage limit reached" (the account's plan is used up). */
    public void usageLimitReached(boolean on) {
        this.usageLimitReached = on;
    }

    /** While on, {@code /v1/responses} answers 401 (a revoked or invalid credential). */
    public void unauthorized(boolean on) {
        this.unauthorized = on;
    }

    /**
     * From now on {@code /v1/responses} sends the first {@code n} text deltas of the reply and then holds the
     * stream until {@link #releaseHeld()} (or {@link #reset()}): a model paused mid-answer. {@code -1} = off.
     */
    public synchronized void holdAfterDeltas(int n) {
        this.holdAfterDeltas = n;
        if (held.getCount() == 0) {
            held = new java.util.concurrent.CountDownLatch(1);
        }
    }

    /**
     * While on, each answer sends its first text delta at once and every next one only after a
     * {@link #nextDelta()}: a model exactly as slow as the test, which can see each delta arrive (say, on a page)
     * before it lets the next one go. Turning it off lets waiting answers finish.
     */
    public synchronized void stepDeltas(boolean on) {
        java.util.concurrent.Semaphore old = steps;
        steps = on ? new java.util.concurrent.Semaphore(0) : null;
        if (old != null) {
            old.release(Integer.MAX_VALUE / 2);
        }
    }

    /** Lets one more text delta of a stepped answer go (see {@link #stepDeltas}). */
    public void nextDelta() {
        java.util.concurrent.Semaphore step = steps;
        if (step != null) {
            step.release();
        }
    }

    /** Lets every held answer finish. */
    public synchronized void releaseHeld() {
        holdAfterDeltas = -1;
        held.countDown();
    }

    /** How many answers are being held mid-answer right now. */
    public int holding() {
        return holding.get();
    }

    /** How many {@code /v1/responses} streams were sent to the end ({@code response.completed}). */
    public int finishedResponses() {
        return finishedResponses.get();
    }

    /** The JSON bodies of every {@code POST /v1/responses}, in order (what the model was asked). */
    public List<String> responseBodies() {
        return List.copyOf(responseBodies);
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requestsTo(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    /** Turns every knob back to its default, drops scripted calls and tool outputs (issued tokens and recorded
     * requests are kept). */
    public void reset() {
        refuseTokenExchange = false;
        usageLimitReached = false;
        unauthorized = false;
        releaseHeld();
        stallResponses(false);
        stepDeltas(false);
        usedPercent = 42;
        usedPercentByEmail.clear();
        reply = "Hello from the fake model.";
        synchronized (this) {
            scriptedTurns.clear();
            activeCalls.clear();
            toolOutputs.clear();
        }
    }

    /** Every access token the fake has issued. */
    public java.util.Set<String> issuedAccessTokens() {
        return java.util.Set.copyOf(byAccessToken.keySet());
    }

    /** The user codes handed out so far. */
    public List<String> userCodes() {
        return new ArrayList<>(deviceCodes.values());
    }

    /**
     * Runs the fake by hand, so an operator or a reviewer can drive the real server against it:
     * {@code ./mvnw -q -pl ai-provider-codex exec:java -Dexec.classpathScope=test
     * -Dexec.mainClass=com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer -Dexec.args="18080 fake.toml"}.
     * It writes the operator TOML to the given file and approves a device login on
     * {@code POST /__control/approve {"userCode":"...","email":"...","plan":"plus"}}.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Path config = Path.of(args.length > 1 ? args[1] : "fake-openai-codex.toml").toAbsolutePath();
        FakeOpenAiServer fake = new FakeOpenAiServer(port);
        fake.writeCodexConfig(config);
        System.out.println("fake OpenAI listening on " + fake.baseUrl());
        System.out.println("start the server with:");
        System.out.println("  CODEX_CONFIG_FILE=" + config + " CODEX_ENV_PASSTHROUGH=" + ISSUER_ENV + " "
                + ISSUER_ENV + "=" + fake.baseUrl());
        System.out.println("approve a device login with:");
        System.out.println("  curl -X POST " + fake.baseUrl()
                + "/__control/approve -d '{\"userCode\":\"<code>\",\"email\":\"you@example.com\"}'");
        Thread.currentThread().join();
    }

    private void controlApprove(HttpExchange ex, byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        String userCode = request.path("userCode").asText("");
        if (!deviceCodes.containsValue(userCode)) {
            send(ex, 404, "{\"error\":\"unknown user code\"}");
            return;
        }
        Identity identity = approve(userCode, request.path("email").asText("someone@example.com"),
                request.path("plan").asText("plus"));
        send(ex, 200, "{\"approved\":\"" + identity.email() + "\"}");
    }

    @Override
    public void close() {
        releaseHeld();
        stallResponses(false);
        stepDeltas(false);
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            requests.add(new Recorded(method, path, ex.getRequestHeaders().getFirst("Authorization")));
            byte[] body = ex.getRequestBody().readAllBytes();
            switch (path) {
                case "/api/accounts/deviceauth/usercode" -> userCode(ex);
                case "/api/accounts/deviceauth/token" -> deviceToken(ex, body);
                case "/oauth/token" -> oauthToken(ex, body);
                case "/backend-api/wham/accounts/check" -> accountsCheck(ex);
                case "/backend-api/wham/usage" -> usage(ex);
                case "/__control/approve" -> controlApprove(ex, body);
                case "/v1/responses" -> {
                    if ("POST".equals(method)) {
                        responseBodies.add(new String(body, StandardCharsets.UTF_8));
                        responses(ex, body);
                    } else {
                        send(ex, 404, "{\"error\":\"not found\"}");
                    }
                }
                default -> send(ex, 404, "{\"error\":\"not found\"}");
            }
        }
    }

    private void userCode(HttpExchange ex) throws IOException {
        String deviceAuthId = "dev-" + UUID.randomUUID();
        String code = String.format("F%03d-%04d", counter.incrementAndGet() % 1000,
                (int) (Math.random() * 10_000));
        deviceCodes.put(deviceAuthId, code);
        ObjectNode out = JSON.createObjectNode();
        out.put("device_auth_id", deviceAuthId);
        out.put("user_code", code);
        out.put("interval", "1");
        out.put("expires_at", Instant.now().plusSeconds(900).toString());
        send(ex, 200, out.toString());
    }

    private void deviceToken(HttpExchange ex, byte[] body) throws IOException {
        JsonNode in = JSON.readTree(body);
        String deviceAuthId = in.path("device_auth_id").asText("");
        String code = deviceCodes.get(deviceAuthId);
        Identity identity = code == null ? null : approved.get(code);
        if (identity == null) {
            send(ex, 403, "{\"error\":\"authorization_pending\"}");
            return;
        }
        String authCode = "code-" + UUID.randomUUID();
        authCodes.put(authCode, identity);
        ObjectNode out = JSON.createObjectNode();
        out.put("authorization_code", authCode);
        out.put("code_challenge", "challenge");
        out.put("code_verifier", "verifier");
        send(ex, 200, out.toString());
    }

    private void oauthToken(HttpExchange ex, byte[] body) throws IOException {
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        Identity identity = authCodes.get(form.getOrDefault("code", ""));
        if (identity == null && "refresh_token".equals(form.get("grant_type"))) {
            identity = byAccessTokenRefresh(form.get("refresh_token"));
        }
        if (refuseTokenExchange || identity == null) {
            send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"refused by the fake\"}");
            return;
        }
        byAccessToken.put(identity.accessToken(), identity);
        ObjectNode out = JSON.createObjectNode();
        out.put("id_token", identity.idToken());
        out.put("access_token", identity.accessToken());
        out.put("refresh_token", identity.refreshToken());
        out.put("token_type", "Bearer");
        out.put("expires_in", 86_400);
        send(ex, 200, out.toString());
    }

    private Identity byAccessTokenRefresh(String refreshToken) {
        return byAccessToken.values().stream().filter(i -> i.refreshToken().equals(refreshToken)).findFirst()
                .orElse(null);
    }

    private void accountsCheck(HttpExchange ex) throws IOException {
        Identity identity = caller(ex);
        if (identity == null) {
            send(ex, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        send(ex, 200, "{\"accounts\":[{\"id\":\"" + identity.accountId()
                + "\",\"workspace_backend_origin\":\"https://chatgpt.com\","
                + "\"account_routing_override\":\"NO_CONSTRAINT\"}]}");
    }

    private void usage(HttpExchange ex) throws IOException {
        Identity identity = caller(ex);
        if (identity == null) {
            send(ex, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        long now = Instant.now().getEpochSecond();
        String body = "{\"plan_type\":\"" + identity.plan() + "\",\"rate_limit\":{\"allowed\":true,"
                + "\"limit_reached\":false,"
                + "\"primary_window\":{\"used_percent\":"
                + usedPercentByEmail.getOrDefault(identity.email(), usedPercent) + ",\"limit_window_seconds\":18000,"
                + "\"reset_after_seconds\":3600,\"reset_at\":" + (now + 3600) + "},"
                + "\"secondary_window\":{\"used_percent\":7,\"limit_window_seconds\":604800,"
                + "\"reset_after_seconds\":86400,\"reset_at\":" + (now + 86_400) + "}}}";
        send(ex, 200, body);
    }

    private Identity caller(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return null;
        }
        return byAccessToken.get(auth.substring("Bearer ".length()));
    }

    /** What to answer a model request: a scripted function call, the echo of tool outputs, or the reply. */
    private synchronized Object nextAnswer(byte[] body) throws IOException {
        JsonNode input = JSON.readTree(body).path("input");
        List<String> outputs = new ArrayList<>();
        for (int i = input.size() - 1; i >= 0 && "function_call_output".equals(input.get(i).path("type").asText());
             i--) {
            outputs.add(0, input.get(i).path("output").isTextual() ? input.get(i).path("output").asText()
                    : input.get(i).path("output").toString());
        }
        toolOutputs.addAll(outputs);
        if (outputs.isEmpty()) {
            activeCalls.clear();
            List<FunctionCall> next = scriptedTurns.poll();
            if (next != null) {
                activeCalls.addAll(next);
            }
        }
        FunctionCall call = activeCalls.poll();
        if (call != null) {
            return call;
        }
        return outputs.isEmpty() ? reply : "Tool said: " + String.join("\n", outputs);
    }

    private void functionCall(OutputStream out, String responseId, FunctionCall call) throws IOException {
        ObjectNode item = JSON.createObjectNode();
        item.put("type", "function_call");
        item.put("id", "fc_" + UUID.randomUUID().toString().replace("-", ""));
        item.put("call_id", "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        item.put("name", call.name());
        item.put("arguments", "");
        item.put("status", "in_progress");
        ObjectNode added = JSON.createObjectNode();
        added.put("type", "response.output_item.added");
        added.put("output_index", 0);
        added.set("item", item);
        event(out, "response.output_item.added", added.toString());
        ObjectNode doneItem = item.deepCopy();
        doneItem.put("arguments", call.arguments());
        doneItem.put("status", "completed");
        ObjectNode done = JSON.createObjectNode();
        done.put("type", "response.output_item.done");
        done.put("output_index", 0);
        done.set("item", doneItem);
        event(out, "response.output_item.done", done.toString());
        completed(out, responseId);
    }

    private void completed(OutputStream out, String responseId) throws IOException {
        event(out, "response.completed", "{\"type\":\"response.completed\",\"response\":{\"id\":\"" + responseId
                + "\",\"usage\":{\"input_tokens\":12,\"input_tokens_details\":null,\"output_tokens\":7,"
                + "\"output_tokens_details\":null,\"total_tokens\":19}}}");
        finishedResponses.incrementAndGet();
        out.close();
    }

    private void responses(HttpExchange ex, byte[] body) throws IOException {
        if (unauthorized) {
            send(ex, 401, "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":"
                    + "\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
            return;
        }
        if (usageLimitReached) {
            send(ex, 429, "{\"error\":{\"type\":\"usage_limit_reached\",\"message\":\"You've hit your usage "
                    + "limit.\",\"plan_type\":\"plus\",\"resets_in_seconds\":3600}}");
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        String responseId = "resp_" + UUID.randomUUID().toString().replace("-", "");
        String itemId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        Object answer = nextAnswer(body);
        event(out, "response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"" + responseId + "\"}}");
        if (answer instanceof FunctionCall call) {
            functionCall(out, responseId, call);
            return;
        }
        String text = (String) answer;
        java.util.concurrent.CountDownLatch hold = stall;
        if (hold != null) {
            try {
                hold.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        event(out, "response.output_item.added", "{\"type\":\"response.output_item.added\",\"output_index\":0,"
                + "\"item\":{\"type\":\"message\",\"id\":\"" + itemId + "\",\"role\":\"assistant\",\"content\":[]}}");
        int holdAt = holdAfterDeltas;
        java.util.concurrent.CountDownLatch release = held;
        java.util.concurrent.Semaphore step = steps;
        int sent = 0;
        for (String piece : text.split("(?<= )")) {
            try {
                if (step != null && sent > 0 && !step.tryAcquire(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    return; // the test never asked for the next delta
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (sent++ == holdAt) {
                holding.incrementAndGet();
                try {
                    release.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    holding.decrementAndGet();
                }
            }
            ObjectNode delta = JSON.createObjectNode();
            delta.put("type", "response.output_text.delta");
            delta.put("item_id", itemId);
            delta.put("output_index", 0);
            delta.put("content_index", 0);
            delta.put("delta", piece);
            event(out, "response.output_text.delta", delta.toString());
        }
        ObjectNode item = JSON.createObjectNode();
        item.put("type", "message");
        item.put("id", itemId);
        item.put("role", "assistant");
        item.putArray("content").addObject().put("type", "output_text").put("text", text);
        ObjectNode doneItem = JSON.createObjectNode();
        doneItem.put("type", "response.output_item.done");
        doneItem.put("output_index", 0);
        doneItem.set("item", item);
        event(out, "response.output_item.done", doneItem.toString());
        completed(out, responseId);
    }

    private static void event(OutputStream out, String type, String data) throws IOException {
        out.write(("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String jwt(Map<String, Object> claims) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = b64.encodeToString(JSON.writeValueAsBytes(claims));
            return header + "." + payload + "." + b64.encodeToString("fake".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
