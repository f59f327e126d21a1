package com.chimti.ai.app.bench;

import com.chimti.ai.app.AiServer;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.app.TokenMinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Turn latency and memory of the Codex provider, end to end: a real server in this JVM ({@link AiServer}, the
 * embedded PostgreSQL, the real pinned Codex CLI) against {@link FakeModelServer}, a fake model that streams a
 * fixed answer at a fixed rate. It PRINTS FIGURES and asserts nothing; it is not a test (the name ends in
 * {@code Benchmark}, so surefire never picks it up).
 *
 * <p>Per mode ({@code app-server}, the default, and {@code exec} when {@code CODEX_EXEC_MODE=exec} really makes
 * the server run {@code codex exec}) it measures over N turns after a few warm-up turns, users taking turns:
 * <ul>
 *   <li><b>first-delta overhead</b>: when the HTTP client read the first SSE {@code delta} event of
 *       {@code POST /v1/ai/chats/{id}/messages} minus when the fake model wrote and flushed its first
 *       {@code response.output_text.delta} for that turn (same JVM, same {@link System#nanoTime()} clock);</li>
 *   <li><b>whole turn</b>: from sending the POST to reading the {@code done} event, against the same turn run by
 *       the CLI directly ({@code codex exec --json --skip-git-repo-check --ephemeral -s read-only -C DIR PROMPT},
 *       stdin from /dev/null, CODEX_HOME = a copy of a server-made profile's {@code config.toml} and API-key
 *       {@code auth.json}), from process start to exit, run right after each server turn;</li>
 *   <li><b>memory</b> after the turns: VmRSS of this JVM (server + benchmark client + whatever hosts it, e.g.
 *       Maven under {@code exec:java}), VmRSS summed over the Codex CLI processes under this JVM (the direct
 *       runs are excluded), per active user, and heap used after a GC.</li>
 * </ul>
 *
 * <p>Knobs (system properties): {@code bench.turns} (20), {@code bench.warmup} (3), {@code bench.users} (2),
 * {@code bench.tokens} (200), {@code bench.deltaMs} (5), {@code bench.modes} ({@code app-server,exec}),
 * {@code bench.direct} (true), {@code bench.load} (true: then the {@link LoadBenchmark} part, with
 * {@code bench.loadUsers} (50), {@code bench.listConnections} (64), {@code bench.listSeconds} (10)),
 * {@code bench.burst} (true: then the {@link BurstBenchmark} part, with {@code bench.burstClients} (500)), {@code bench.chat} ({@code new}: a new chat per turn, or {@code same}: one chat per
 * user), {@code bench.serverLogs} (false), {@code bench.keepData} (false), {@code bench.cli} (the pinned binary).
 */
public final class TurnLatencyBenchmark {
    private static final String JWT_SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
    private static final String PROMPT = "Summarise the stock levels of my brand in one paragraph.";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code -Dbench.confinement}: the server's CODEX_CONFINEMENT (auto, required or off), to price the bubblewrap. */
    private static final String CONFINEMENT = System.getProperty("bench.confinement", "auto");
    private static final File DEV_NULL = new File("/dev/null");
    /** The working folder of the direct {@code codex exec} runs; it tells them apart from the server's. */
    private static final String DIRECT_MARKER = "direct-work";

    private final int turns = Integer.getInteger("bench.turns", 20);
    private final int warmup = Integer.getInteger("bench.warmup", 3);
    private final int users = Math.max(1, Integer.getInteger("bench.users", 2));
    private final int tokens = Integer.getInteger("bench.tokens", 200);
    private final double deltaMs = Double.parseDouble(System.getProperty("bench.deltaMs", "5"));
    private final boolean direct = Boolean.parseBoolean(System.getProperty("bench.direct", "true"));
    private final boolean keepData = Boolean.getBoolean("bench.keepData");
    private final boolean load = Boolean.parseBoolean(System.getProperty("bench.load", "true"));
    private final boolean burst = Boolean.parseBoolean(System.getProperty("bench.burst", "true"));
    private final boolean sameChat = "same".equals(System.getProperty("bench.chat", "new"));
    private final Map<String, String> chatByToken = new HashMap<>();
    private final List<String> modes = List.of(System.getProperty("bench.modes", "app-server,exec").split(","));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path cli;
    private final String cliVersion;
    private final long baselineRssKb;
    private final Sampler sampler = new Sampler();

    private TurnLatencyBenchmark(Path cli, String cliVersion, long baselineRssKb) {
        this.cli = cli;
        this.cliVersion = cliVersion;
        this.baselineRssKb = baselineRssKb;
    }

    public static void main(String[] args) throws Exception {
        // before the JDK HTTP server's first use: no Nagle on the fake model's small SSE writes
        System.setProperty("sun.net.httpserver.nodelay", "true");
        if (!Boolean.getBoolean("bench.serverLogs")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        long baseline = rssKb(ProcessHandle.current().pid());
        Path cli = findCli();
        String version = run(List.of(cli.toString(), "--version")).strip();
        new TurnLatencyBenchmark(cli, version, baseline).run();
    }

    private void run() throws Exception {
        String started = Instant.now().toString();
        System.out.println();
        System.out.println("TurnLatencyBenchmark  " + started);
        System.out.println("  CLI: " + cliVersion + " (" + cli + "), CODEX_CONFINEMENT=" + CONFINEMENT
                + " (the direct `codex exec` runs unconfined)");
        System.out.println("  machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", load average " + loadAverage());
        System.out.printf(Locale.ROOT, "  fake model: %d deltas, one every %.1f ms (stream %.0f ms); %d turns after "
                + "%d warm-up; %d users taking turns; %s%n", tokens, deltaMs,
                (tokens - 1) * deltaMs, turns, warmup, users, sameChat ? "one chat per user" : "one new chat per turn");
        Thread samplerThread = new Thread(sampler, "bench-rss-sampler");
        samplerThread.setDaemon(true);
        samplerThread.start();

        List<ModeResult> results = new ArrayList<>();
        Path root = Files.createTempDirectory("chimti-bench-");
        try {
            for (String mode : modes) {
                if (mode.isBlank() || mode.strip().equals("none")) {
                    continue; // -Dbench.modes=none: the load part only
                }
                try {
                    results.add(runMode(mode.strip(), root.resolve(mode.strip())));
                } catch (Exception | Error failed) {
                    failed.printStackTrace(System.out);
                    results.add(ModeResult.unavailable(mode.strip(), "the run failed: " + failed));
                }
            }
            print(results);
            sampler.stop = true; // its 25 ms scans of all processes would take CPU from the load part
            if (load) {
                // the load part: 50 users at once, then the cheap requests at 64 connections
                try {
                    new LoadBenchmark(cli, tokens, deltaMs).run(root.resolve("load"));
                } catch (Exception | Error failed) {
                    failed.printStackTrace(System.out);
                    System.out.println("load part: the run failed: " + failed);
                }
                System.out.println("load average at the end: " + loadAverage() + "  (" + Instant.now() + ")");
            }
            if (burst) {
                // the door: 500 SSE clients at once against the stub provider
                try {
                    new BurstBenchmark().run(root.resolve("burst"));
                } catch (Exception | Error failed) {
                    failed.printStackTrace(System.out);
                    System.out.println("burst part: the run failed: " + failed);
                }
            }
        } finally {
            sampler.stop = true;
            if (!keepData) {
                deleteTree(root);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- one mode

    private ModeResult runMode(String mode, Path dataDir) throws Exception {
        System.out.println("  running mode " + mode + " ...");
        Files.createDirectories(dataDir);
        try (FakeModelServer fake = new FakeModelServer(tokens, Math.round(deltaMs * 1_000_000))) {
            Path config = Files.writeString(dataDir.resolve("operator-codex.toml"), fake.codexConfigToml());
            Map<String, String> env = new HashMap<>();
            env.put("AI_HTTP_PORT", "0");
            env.put("AI_HTTP_HOST", "127.0.0.1");
            env.put("AI_DATA_DIR", dataDir.resolve("server").toString());
            env.put("AI_AUTH_JWT_SECRET", JWT_SECRET);
            env.put("AI_PROVIDERS", "codex");
            // the benchmark measures latency, not the abuse controls
            env.put("AI_RATE_USER_RPM", "0");
            env.put("AI_RATE_USER_TOKENS_PER_DAY", "0");
            env.put("AI_DEFAULT_PROVIDER", "codex");
            env.put("CODEX_CONFIG_FILE", config.toString());
            env.put("CODEX_CLI_BIN", cli.toString());
            env.put("CODEX_EXEC_MODE", mode);
            env.put("CODEX_CONFINEMENT", CONFINEMENT);
            env.put("LANG", "C.UTF-8");

            AiServer server;
            try {
                server = AiServer.start(AppConfig.fromEnvironment(env), env);
            } catch (RuntimeException refused) {
                return ModeResult.unavailable(mode, "the server refused CODEX_EXEC_MODE=" + mode + ": "
                        + refused.getMessage());
            }
            try {
                return measure(mode, server, fake, dataDir);
            } finally {
                server.close();
                sleep(300);
                int left = codexProcesses().size();
                if (left > 0) {
                    System.out.println("  warning: " + left + " Codex process(es) outlived the server");
                }
            }
        }
    }

    private ModeResult measure(String mode, AiServer server, FakeModelServer fake, Path dataDir) throws Exception {
        long rssAtStart = rssKb(ProcessHandle.current().pid());
        chatByToken.clear();
        String base = "http://127.0.0.1:" + server.port();
        List<String> tokensByUser = new ArrayList<>();
        Path profiles = dataDir.resolve("server").resolve("ai-profiles").resolve("codex");
        Path directHome = null;
        for (int u = 0; u < users; u++) {
            String token = new TokenMinter(JWT_SECRET, null, null).mint(new TokenMinter.Claims("bench-user-" + u,
                    "bench-client", List.of("brand-1"), List.of(), List.of("BRAND_ADMIN"), false, List.of("ai"),
                    Duration.ofHours(2)));
            Set<Path> before = folders(profiles);
            Reply login = post(base + "/v1/ai/account/login", token,
                    "{\"method\":\"apiKey\",\"apiKey\":\"sk-bench-user" + u + "-0123456789abcdef\"}");
            if (login.status != 200) {
                throw new IllegalStateException("API-key login failed: " + login.status + " " + login.body);
            }
            tokensByUser.add(token);
            if (directHome == null && direct) {
                Set<Path> created = folders(profiles);
                created.removeAll(before);
                if (created.size() != 1) {
                    throw new IllegalStateException("expected one new profile folder, found " + created);
                }
                directHome = copyProfile(created.iterator().next(), dataDir.resolve("direct-codex-home"));
            }
        }
        Path directWork = Files.createDirectories(dataDir.resolve(DIRECT_MARKER));

        // warm-up: every user at least once, so each has its app-server (if any) running
        sampler.reset();
        for (int i = 0; i < Math.max(warmup, users); i++) {
            Turn t = serverTurn(base, tokensByUser.get(i % users), fake);
            if (t.error != null) {
                return ModeResult.unavailable(mode, "warm-up turn failed: " + t.error);
            }
        }
        Set<String> kinds = Set.copyOf(sampler.kinds);
        if (direct) {
            for (int i = 0; i < Math.max(1, Math.min(warmup, 2)); i++) {
                directTurn(directHome, directWork, fake);
            }
        }
        if (mode.equals("exec") && !kinds.contains("exec")) {
            return ModeResult.unavailable(mode, "the server ran its turns on " + kinds + " (no `codex exec` "
                    + "process seen): CODEX_EXEC_MODE=exec behaves as app-server");
        }

        List<Turn> serverTurns = new ArrayList<>();
        List<Direct> directTurns = new ArrayList<>();
        sampler.reset();
        for (int i = 0; i < turns; i++) {
            serverTurns.add(serverTurn(base, tokensByUser.get(i % users), fake));
            if (direct) {
                directTurns.add(directTurn(directHome, directWork, fake));
            }
        }
        long peakCliKb = sampler.peakKb;
        List<CodexProcess> peakProcesses = sampler.peakProcesses;
        Set<String> measuredKinds = Set.copyOf(sampler.kinds);

        sleep(200);
        List<CodexProcess> after = codexProcesses();
        System.gc();
        sleep(100);
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long jvmRss = rssKb(ProcessHandle.current().pid());
        return new ModeResult(mode, null, serverTurns, directTurns, rssAtStart, jvmRss, after, peakCliKb,
                peakProcesses, heapUsed, measuredKinds);
    }

    // ---------------------------------------------------------------------------------------------- turns

    /** One turn over HTTP with SSE, in a new chat (or the user's one chat with {@code -Dbench.chat=same}). */
    private Turn serverTurn(String base, String token, FakeModelServer fake) throws Exception {
        String chatId = sameChat ? chatByToken.get(token) : null;
        if (chatId == null) {
            Reply chat = post(base + "/v1/ai/chats", token, "{\"title\":\"bench\",\"brandId\":\"brand-1\"}");
            if (chat.status != 201) {
                throw new IllegalStateException("chat not created: " + chat.status + " " + chat.body);
            }
            chatId = JSON.readTree(chat.body).get("id").asText();
            chatByToken.put(token, chatId);
        }
        int from = fake.count();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/ai/chats/" + chatId + "/messages"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("content", PROMPT))))
                .build();
        long sent = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long firstDelta = 0;
        long done = 0;
        String error = null;
        StringBuilder text = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                error = "HTTP " + response.statusCode();
            }
            String event = null;
            String line;
            while (error == null && (line = reader.readLine()) != null) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:") && event != null) {
                    long now = System.nanoTime();
                    String data = line.substring(5).strip();
                    switch (event) {
                        case "delta" -> {
                            if (firstDelta == 0) {
                                firstDelta = now;
                            }
                            text.append(JSON.readTree(data).path("text").asText());
                        }
                        case "done" -> done = now;
                        case "error" -> error = data;
                        default -> { }
                    }
                } else if (line.isEmpty()) {
                    event = null;
                }
                if (done != 0) {
                    break;
                }
            }
        }
        if (done == 0 && error == null) {
            error = "stream ended without done";
        }
        List<FakeModelServer.Recorded> calls = fake.since(from);
        FakeModelServer.Recorded model = calls.isEmpty() ? null : calls.get(0);
        if (error == null && !text.toString().strip().equals(fake.answer().strip())) {
            error = "answer differs from the fake's (" + text.length() + " chars, expected " + fake.answer().length()
                    + ")";
        }
        return new Turn(sent, firstDelta, done, model, calls.size(), error);
    }

    /** The same turn by the CLI directly: {@code codex exec}, process start to exit. */
    private Direct directTurn(Path codexHome, Path workDir, FakeModelServer fake) throws Exception {
        List<String> command = List.of(cli.toString(), "exec", "--json", "--skip-git-repo-check", "--ephemeral",
                "-s", "read-only", "-C", workDir.toString(), PROMPT);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("CODEX_HOME", codexHome.toString());
        builder.environment().put("HOME", workDir.toString());
        builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        int from = fake.count();
        long start = System.nanoTime();
        Process process = builder.start();
        String message = null;
        boolean completed = false;
        try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("{")) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                String type = node.path("type").asText();
                if (type.equals("item.completed") && node.path("item").path("type").asText().equals("agent_message")) {
                    message = node.path("item").path("text").asText();
                } else if (type.equals("turn.completed")) {
                    completed = true;
                }
            }
        }
        int exit = process.waitFor();
        long end = System.nanoTime();
        List<FakeModelServer.Recorded> calls = fake.since(from);
        String error = null;
        if (exit != 0 || !completed) {
            error = "codex exec exit " + exit + (completed ? "" : " without turn.completed");
        } else if (message == null || !message.strip().equals(fake.answer().strip())) {
            error = "codex exec answer differs from the fake's";
        }
        return new Direct(start, end, calls.isEmpty() ? null : calls.get(0), error);
    }

    // ---------------------------------------------------------------------------------------------- printing

    private void print(List<ModeResult> results) {
        System.out.println();
        System.out.println("==================================================================================================");
        System.out.printf(Locale.ROOT, "Turn latency, Codex CLI %s, %d cores, fake model %d deltas x %.1f ms, "
                + "N=%d turns (after %d warm-up), %d users%n", cliVersion.replace("codex-cli ", ""),
                Runtime.getRuntime().availableProcessors(), tokens, deltaMs, turns, warmup, users);
        System.out.println("==================================================================================================");
        System.out.println("times in ms                                     p50       p95       max   (n)");
        for (ModeResult r : results) {
            System.out.println("--------------------------------------------------------------------------------------------------");
            if (r.unavailable != null) {
                System.out.println(r.mode + " mode: not available (" + r.unavailable + ")");
                continue;
            }
            List<Turn> ok = r.serverTurns.stream().filter(t -> t.error == null && t.model != null
                    && t.model.firstDeltaNanos != 0).toList();
            List<Direct> dok = r.directTurns.stream().filter(d -> d.error == null).toList();
            System.out.println(r.mode + " mode" + (r.kinds.isEmpty() ? "" : "  (CLI processes seen during the "
                    + "turns: " + r.kinds + ")"));
            row("first-delta overhead (client delta - fake delta)", ok.stream()
                    .map(t -> ms(t.firstDelta - t.model.firstDeltaNanos)).toList());
            row("  POST sent -> model request arrived", ok.stream().map(t -> ms(t.model.arrivedNanos - t.sent)).toList());
            row("  POST sent -> client first delta", ok.stream().map(t -> ms(t.firstDelta - t.sent)).toList());
            row("  model stream closed -> client done", ok.stream().filter(t -> t.model.closedNanos != 0)
                    .map(t -> ms(t.done - t.model.closedNanos)).toList());
            List<Double> serverWhole = ok.stream().map(t -> ms(t.done - t.sent)).toList();
            row("whole turn via server (POST -> done)", serverWhole);
            if (direct) {
                List<Double> directWhole = dok.stream().map(d -> ms(d.end - d.start)).toList();
                row("whole turn by `codex exec` directly (start->exit)", directWhole);
                row("  exec start -> model request arrived", dok.stream().filter(d -> d.model != null)
                        .map(d -> ms(d.model.arrivedNanos - d.start)).toList());
                if (!serverWhole.isEmpty() && !directWhole.isEmpty()) {
                    System.out.printf(Locale.ROOT, "%-46s %9.3f%n", "ratio server/direct (p50 / p50)",
                            percentile(serverWhole, 50) / percentile(directWhole, 50));
                }
            }
            long failed = r.serverTurns.size() - ok.size();
            long directFailed = r.directTurns.size() - dok.size();
            long multi = r.serverTurns.stream().filter(t -> t.modelCalls != 1).count();
            if (failed + directFailed + multi > 0) {
                System.out.println("  note: " + failed + " server turn(s) failed, " + directFailed + " direct run(s) "
                        + "failed, " + multi + " turn(s) made other than one model request");
                r.serverTurns.stream().filter(t -> t.error != null).limit(3)
                        .forEach(t -> System.out.println("    server: " + t.error));
                r.directTurns.stream().filter(d -> d.error != null).limit(3)
                        .forEach(d -> System.out.println("    direct: " + d.error));
            }
            long cliKb = r.cliAfter.stream().mapToLong(p -> p.rssKb).sum();
            System.out.printf(Locale.ROOT, "memory after the turns (%d active users)%n", users);
            System.out.printf(Locale.ROOT, "  JVM RSS (server + client + host JVM)      %8.1f MB  (+%.1f MB since "
                    + "before the first server started)%n", r.jvmRssKb / 1024.0, (r.jvmRssKb - baselineRssKb) / 1024.0);
            System.out.printf(Locale.ROOT, "  JVM RSS growth, server started -> after the turns %6.1f MB  (%.1f MB per "
                    + "active user)%n", (r.jvmRssKb - r.jvmRssAtStartKb) / 1024.0,
                    (r.jvmRssKb - r.jvmRssAtStartKb) / 1024.0 / users);
            System.out.printf(Locale.ROOT, "  JVM heap used after GC                    %8.1f MB%n",
                    r.heapUsed / 1024.0 / 1024.0);
            System.out.printf(Locale.ROOT, "  Codex CLI RSS, %d process(es) %-12s %8.1f MB  (%.1f MB per active "
                    + "user)%n", r.cliAfter.size(), kindsOf(r.cliAfter), cliKb / 1024.0, cliKb / 1024.0 / users);
            System.out.printf(Locale.ROOT, "  Codex CLI RSS peak during the turns      %8.1f MB  (%d process(es) "
                    + "%s: %s)%n", r.peakCliKb / 1024.0, r.peakProcesses.size(), kindsOf(r.peakProcesses),
                    r.peakProcesses.stream().map(p -> String.format(Locale.ROOT, "%.0f", p.rssKb / 1024.0))
                            .collect(java.util.stream.Collectors.joining(" + ", "", " MB")));
        }
        System.out.println("==================================================================================================");
        System.out.println("targets: first-delta overhead under 50 ms p50 (app-server); whole-turn ratio under 1.05 "
                + "(exec)");
        System.out.println("load average at the end: " + loadAverage() + "  (" + Instant.now() + ")");
    }

    private static String kindsOf(List<CodexProcess> processes) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        processes.forEach(p -> counts.merge(p.kind, 1, Integer::sum));
        return counts.isEmpty() ? "" : counts.toString();
    }

    private static void row(String label, List<Double> values) {
        if (values.isEmpty()) {
            System.out.printf(Locale.ROOT, "%-46s %9s%n", label, "n/a");
            return;
        }
        System.out.printf(Locale.ROOT, "%-46s %9.1f %9.1f %9.1f   (%d)%n", label, percentile(values, 50),
                percentile(values, 95), values.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                values.size());
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    // ---------------------------------------------------------------------------------------------- records

    private record Turn(long sent, long firstDelta, long done, FakeModelServer.Recorded model, int modelCalls,
                        String error) {
    }

    private record Direct(long start, long end, FakeModelServer.Recorded model, String error) {
    }

    record CodexProcess(long pid, String kind, long rssKb) {
    }

    private record ModeResult(String mode, String unavailable, List<Turn> serverTurns, List<Direct> directTurns,
                              long jvmRssAtStartKb, long jvmRssKb, List<CodexProcess> cliAfter, long peakCliKb,
                              List<CodexProcess> peakProcesses, long heapUsed, Set<String> kinds) {
        static ModeResult unavailable(String mode, String why) {
            return new ModeResult(mode, why, List.of(), List.of(), 0, 0, List.of(), 0, List.of(), 0, Set.of());
        }
    }

    private record Reply(int status, String body) {
    }

    // ---------------------------------------------------------------------------------------------- processes

    /** Samples the server's Codex processes under this JVM (not the direct runs) for peak summed RSS and kinds. */
    private static final class Sampler implements Runnable {
        volatile boolean stop;
        volatile long peakKb;
        volatile List<CodexProcess> peakProcesses = List.of();
        final Set<String> kinds = ConcurrentHashMap.newKeySet();

        void reset() {
            peakKb = 0;
            peakProcesses = List.of();
            kinds.clear();
        }

        @Override
        public void run() {
            while (!stop) {
                List<CodexProcess> seen = codexProcesses();
                long sum = 0;
                for (CodexProcess p : seen) {
                    sum += p.rssKb;
                    kinds.add(p.kind);
                }
                if (sum > peakKb) {
                    peakKb = sum;
                    peakProcesses = seen;
                }
                sleep(25);
            }
        }
    }

    /**
     * The server's Codex CLI processes (an executable named codex*) under this JVM. The benchmark's own direct
     * runs (their command line names the {@value #DIRECT_MARKER} folder, and their children) are left out.
     */
    static List<CodexProcess> codexProcesses() {
        List<ProcessHandle> all = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        Map<Long, String> kinds = new HashMap<>();
        Set<Long> direct = new java.util.HashSet<>();
        for (ProcessHandle p : all) {
            String command = p.info().command().orElse("");
            String name = command.substring(command.lastIndexOf('/') + 1);
            String kind = kind(p.pid(), name);
            kinds.put(p.pid(), kind);
            if (kind.equals("direct")) {
                direct.add(p.pid());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ProcessHandle p : all) {
                if (!direct.contains(p.pid()) && p.parent().map(q -> direct.contains(q.pid())).orElse(false)) {
                    grew = direct.add(p.pid());
                }
            }
        }
        List<CodexProcess> found = new ArrayList<>();
        for (ProcessHandle p : all) {
            String kind = kinds.get(p.pid());
            if (direct.contains(p.pid()) || kind == null || kind.startsWith("other:")) {
                continue;
            }
            long rss = rssKb(p.pid());
            if (rss > 0) {
                found.add(new CodexProcess(p.pid(), kind, rss));
            }
        }
        found.sort(Comparator.comparingLong(CodexProcess::pid));
        return found;
    }

    private static String kind(long pid, String name) {
        if (!name.startsWith("codex")) {
            return "other:" + name;
        }
        try {
            String[] args = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")),
                    StandardCharsets.UTF_8).split("\0");
            for (String arg : args) {
                if (arg.endsWith("/" + DIRECT_MARKER)) {
                    return "direct";
                }
            }
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("app-server") || args[i].equals("exec")) {
                    return args[i];
                }
            }
            return args.length > 1 ? name + " " + args[1] : name;
        } catch (IOException e) {
            return name;
        }
    }

    /** VmRSS in kB from /proc/PID/status; 0 when the process is gone. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** user + system CPU of a process so far, in clock ticks (100 per second), from /proc/PID/stat; 0 once gone. */
    static long cpuTicks(long pid) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** user + system ticks from the text of a /proc stat file (a process's or a thread's). */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Reply post(String url, String token, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** The pinned native binary, as the server looks for it (or -Dbench.cli / CODEX_CLI_BIN). */
    static Path findCli() {
        String given = System.getProperty("bench.cli", System.getenv("CODEX_CLI_BIN"));
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        String binary = "node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex";
        for (String candidate : List.of("ai-provider-codex/cli/" + binary, "../ai-provider-codex/cli/" + binary,
                "cli/" + binary)) {
            Path path = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        throw new IllegalStateException("the pinned Codex CLI was not found: build ai-provider-codex first, or "
                + "pass -Dbench.cli=/path/to/codex");
    }

    private static Set<Path> folders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new LinkedHashSet<>();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
        }
    }

    /** A CODEX_HOME with the server-made profile's config.toml and API-key auth.json (no state or logs). */
    private static Path copyProfile(Path profile, Path target) throws IOException {
        Files.createDirectories(target);
        for (String name : List.of("config.toml", "auth.json")) {
            Path source = profile.resolve(name);
            if (!Files.isRegularFile(source)) {
                throw new IllegalStateException("the server-made profile has no " + name);
            }
            Files.copy(source, target.resolve(name));
        }
        return target;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.out.println("  could not delete " + root + ": " + e.getMessage());
        }
    }
}
