package com.chimti.ai.app.bench;

import com.chimti.ai.app.AiServer;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.app.TokenMinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The load part of the benchmark (run by {@link TurnLatencyBenchmark} after the latency part, or alone with
 * its own {@link #main}): one server in {@code app-server} mode with its default process cap, on the embedded
 * PostgreSQL, against {@link FakeModelServer}.
 * <ol>
 *   <li>{@code bench.loadUsers} users log in with API keys (each gets a warm {@code codex app-server}); memory
 *       per idle warm user is measured after their turns;</li>
 *   <li>all of them send one streaming message at the same instant: completed, refused (429 before the stream,
 *       or a {@code rate_limited} error event), failed, first-delta overhead and POST-to-first-delta p50/p95,
 *       peak RSS of the JVM and of all CLI processes, peak heap used;</li>
 *   <li>{@code GET /v1/ai/chats}, {@code GET /v1/ai/chats/{id}/messages} and {@code /healthz}, each for
 *       {@code bench.listSeconds} at {@code bench.listConnections} concurrent connections: requests per second,
 *       p50/p99, and the ratio to {@code /healthz} (the same server's ceiling).</li>
 * </ol>
 * The client reads the streams line by line and keeps only timestamps and a character count per turn.
 */
final class LoadBenchmark {
    private static final String JWT_SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
    private static final String PROMPT = "Summarise the stock levels of my brand in one paragraph.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int users = Integer.getInteger("bench.loadUsers", 50);
    private final int connections = Integer.getInteger("bench.listConnections", 64);
    private final int listSeconds = Integer.getInteger("bench.listSeconds", 10);
    private final int listWarmupSeconds = Integer.getInteger("bench.listWarmupSeconds", 2);
    private final int tokens;
    private final double deltaMs;
    private final Path cli;
    /** The embedded PostgreSQL's postmaster (its backends are its children); found once the server runs. */
    private ProcessHandle postmaster;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    LoadBenchmark(Path cli, int tokens, double deltaMs) {
        this.cli = cli;
        this.tokens = tokens;
        this.deltaMs = deltaMs;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path dir = Files.createTempDirectory("chimti-load-");
        new LoadBenchmark(TurnLatencyBenchmark.findCli(), Integer.getInteger("bench.tokens", 200),
                Double.parseDouble(System.getProperty("bench.deltaMs", "5"))).run(dir);
    }

    void run(Path dataDir) throws Exception {
        System.out.println("  running the load part ...");
        try (FakeModelServer fake = new FakeModelServer(tokens, Math.round(deltaMs * 1_000_000))) {
            Path config = Files.writeString(Files.createDirectories(dataDir).resolve("operator-codex.toml"),
                    fake.codexConfigToml());
            Map<String, String> env = new HashMap<>();
            env.put("AI_HTTP_PORT", "0");
            env.put("AI_HTTP_HOST", "127.0.0.1");
            String serverDir = dataDir.resolve("server").toString();
            env.put("AI_DATA_DIR", serverDir);
            env.put("AI_AUTH_JWT_SECRET", JWT_SECRET);
            env.put("AI_PROVIDERS", "codex");
            env.put("AI_DEFAULT_PROVIDER", "codex");
            // the load test measures capacity, not the per-user abuse controls
            env.put("AI_RATE_USER_RPM", "0");
            env.put("AI_RATE_BRAND_RPM", "0");
            env.put("AI_RATE_USER_TOKENS_PER_DAY", "0");
            env.put("CODEX_CONFIG_FILE", config.toString());
            env.put("CODEX_CLI_BIN", cli.toString());
            env.put("CODEX_EXEC_MODE", "app-server");
            env.put("LANG", "C.UTF-8");
            copyIfSet(env, "CODEX_MAX_PROCESSES");
            copyIfSet(env, "CODEX_PROCESS_QUEUE_LENGTH");
            copyIfSet(env, "AI_TURN_QUEUE_WAIT_MS");
            copyIfSet(env, "AI_DB_POOL_SIZE");
            AppConfig appConfig = AppConfig.fromEnvironment(env);
            try (AiServer server = AiServer.start(appConfig, env)) {
                postmaster = postmasterOf(serverDir);
                measure(server, fake, appConfig);
            }
        }
    }

    private static void copyIfSet(Map<String, String> env, String name) {
        String value = System.getProperty(name, System.getenv(name));
        if (value != null && !value.isBlank()) {
            env.put(name, value);
        }
    }

    private void measure(AiServer server, FakeModelServer fake, AppConfig config) throws Exception {
        String base = "http://127.0.0.1:" + server.port();
        long jvmRssBefore = TurnLatencyBenchmark.rssKb(ProcessHandle.current().pid());
        List<String> tokensByUser = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> chats = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            tokensByUser.add(new TokenMinter(JWT_SECRET, null, null).mint(new TokenMinter.Claims("load-user-" + u,
                    "bench-client", List.of("brand-1"), List.of(), List.of("BRAND_ADMIN"), false, List.of("ai"),
                    Duration.ofHours(2))));
            keys.add("sk-bench-load-" + u + "-0123456789abcdef");
        }
        // logins (each starts the user's app-server) and chats, a few at a time
        ExecutorService setup = Executors.newFixedThreadPool(4);
        List<Future<String>> made = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int user = u;
            made.add(setup.submit(() -> {
                Reply login = send("POST", base + "/v1/ai/account/login", tokensByUser.get(user),
                        "{\"method\":\"apiKey\",\"apiKey\":\"" + keys.get(user) + "\"}");
                if (login.status != 200) {
                    throw new IllegalStateException("login failed: " + login.status + " " + login.body);
                }
                Reply chat = send("POST", base + "/v1/ai/chats", tokensByUser.get(user),
                        "{\"title\":\"load\",\"brandId\":\"brand-1\"}");
                if (chat.status != 201) {
                    throw new IllegalStateException("chat not created: " + chat.status + " " + chat.body);
                }
                return JSON.readTree(chat.body).get("id").asText();
            }));
        }
        for (Future<String> f : made) {
            chats.add(f.get(5, TimeUnit.MINUTES));
        }
        setup.shutdown();

        // ------------------------------------------------------------ all users stream at once
        PeakSampler peaks = new PeakSampler();
        Thread sampler = new Thread(peaks, "load-peak-sampler");
        sampler.setDaemon(true);
        sampler.start();
        ExecutorService pool = Executors.newFixedThreadPool(users);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int user = u;
            outcomes.add(pool.submit(() -> {
                go.await();
                return stream(base, tokensByUser.get(user), chats.get(user));
            }));
        }
        double cliCpuBefore = cliCpuSeconds();
        long jvmCpuBefore = jvmCpuNanos();
        long started = System.nanoTime();
        go.countDown();
        List<Outcome> results = new ArrayList<>();
        for (Future<Outcome> f : outcomes) {
            results.add(f.get(10, TimeUnit.MINUTES));
        }
        long burstEnd = System.nanoTime();
        long wall = burstEnd - started;
        double cliCpu = cliCpuSeconds() - cliCpuBefore;
        double jvmCpu = (jvmCpuNanos() - jvmCpuBefore) / 1e9;
        pool.shutdown();
        peaks.stop = true;
        sampler.join();

        List<FakeModelServer.Recorded> calls = fake.since(0);
        List<Double> overhead = new ArrayList<>();
        List<Double> toFirst = new ArrayList<>();
        List<Double> toModel = new ArrayList<>();
        int completed = 0;
        int refused429 = 0;
        int refusedInStream = 0;
        List<String> failures = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Outcome o = results.get(u);
            switch (o.kind) {
                case COMPLETED -> {
                    completed++;
                    toFirst.add(ms(o.firstDelta - o.sent));
                    String auth = "Bearer " + keys.get(u);
                    calls.stream().filter(c -> auth.equals(c.authorization) && c.firstDeltaNanos != 0
                                    && c.arrivedNanos >= o.sent).findFirst()
                            .ifPresent(c -> {
                                overhead.add(ms(o.firstDelta - c.firstDeltaNanos));
                                toModel.add(ms(c.arrivedNanos - o.sent));
                            });
                }
                case REFUSED -> refused429++;
                case REFUSED_IN_STREAM -> refusedInStream++;
                case FAILED -> failures.add(o.detail);
            }
        }

        // ------------------------------------------------------------ idle warm users
        TurnLatencyBenchmark.sleep(1_000);
        List<TurnLatencyBenchmark.CodexProcess> idle = TurnLatencyBenchmark.codexProcesses();
        long idleCliKb = idle.stream().mapToLong(TurnLatencyBenchmark.CodexProcess::rssKb).sum();
        long warm = idle.stream().filter(p -> p.kind().equals("app-server")).count();
        System.gc();
        TurnLatencyBenchmark.sleep(200);
        long jvmRssIdle = TurnLatencyBenchmark.rssKb(ProcessHandle.current().pid());

        // ------------------------------------------------------------ idle CPU
        // Right after their turns the app-servers keep working for a while (half a core for 50 of them);
        // wait until they use under 0.2% of a core each, at most 60 s, and report what they use idle.
        long settleStart = System.nanoTime();
        double idleCliCores;
        do {
            long ticks = cliCpuTicks();
            TurnLatencyBenchmark.sleep(2_000);
            idleCliCores = (cliCpuTicks() - ticks) / 200.0;
        } while (idleCliCores > 0.002 * Math.max(1, warm)
                && System.nanoTime() - settleStart < TimeUnit.SECONDS.toNanos(60));
        double sinceBurstSeconds = (System.nanoTime() - burstEnd) / 1e9;

        // ------------------------------------------------------------ cheap requests at 64 connections
        int port = server.port();
        IntFunction<ClosedLoopClient.Target> health = u -> new ClosedLoopClient.Target("/healthz", null);
        IntFunction<ClosedLoopClient.Target> chatList = u -> new ClosedLoopClient.Target("/v1/ai/chats",
                tokensByUser.get(u));
        IntFunction<ClosedLoopClient.Target> messageList = u -> new ClosedLoopClient.Target(
                "/v1/ai/chats/" + chats.get(u) + "/messages", tokensByUser.get(u));
        double warmupSeconds = warmUpUntilCompiled(port, i -> switch (i % 3) {
            case 0 -> health.apply(i / 3 % users);
            case 1 -> chatList.apply(i / 3 % users);
            default -> messageList.apply(i / 3 % users);
        });
        Listing healthRun = listing("GET /healthz", port, users, health);
        Listing chatRun = listing("GET /v1/ai/chats", port, users, chatList);
        Listing messageRun = listing("GET /v1/ai/chats/{id}/messages", port, users, messageList);

        // ------------------------------------------------------------ print
        String line = "==================================================================================================";
        System.out.println();
        System.out.println(line);
        System.out.printf(Locale.ROOT, "Load, app-server mode, %d cores, fake model %d deltas x %.1f ms, cap %d CLI "
                + "processes (queue %d, wait %d ms), turn cap %d, JVM max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), tokens, deltaMs, config.processes().maxProcesses(),
                config.processes().queueLength(), config.processes().queueWait().toMillis(),
                config.limits().maxConcurrentTurns(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.println(line);
        System.out.printf(Locale.ROOT, "%d users streaming at once (wall %.1f s)%n", users, wall / 1e9);
        System.out.printf(Locale.ROOT, "  completed %d, refused %d (429 before the stream) + %d (rate_limited event), "
                + "failed %d%n", completed, refused429, refusedInStream, failures.size());
        failures.stream().limit(3).forEach(f -> System.out.println("    failed: " + f));
        row("  first-delta overhead (client - fake), ms", overhead);
        row("  POST sent -> model request arrived, ms", toModel);
        row("  POST sent -> client first delta, ms", toFirst);
        System.out.printf(Locale.ROOT, "  CPU used during the burst: CLI processes %.1f s, this JVM %.1f s (wall %.1f s x "
                + "%d cores = %.1f core-seconds)%n", cliCpu, jvmCpu, wall / 1e9,
                Runtime.getRuntime().availableProcessors(), wall / 1e9 * Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  peak RSS: JVM %.1f MB; all CLI processes %.1f MB (%d processes at the peak)"
                + "%n", peaks.jvmKb / 1024.0, peaks.cliKb / 1024.0, peaks.cliCount);
        System.out.printf(Locale.ROOT, "  peak JVM heap used (sampled every 50 ms, no GC forced) %.1f MB%n",
                peaks.heapBytes / 1024.0 / 1024.0);
        System.out.printf(Locale.ROOT, "idle warm users after their turns: %d app-servers, CLI RSS %.1f MB = %.1f MB "
                + "per idle warm user; JVM RSS %.1f MB (+%.1f MB since before the logins = %.2f MB per user)%n", warm,
                idleCliKb / 1024.0, warm == 0 ? 0 : idleCliKb / 1024.0 / warm, jvmRssIdle / 1024.0,
                (jvmRssIdle - jvmRssBefore) / 1024.0, (jvmRssIdle - jvmRssBefore) / 1024.0 / users);
        System.out.printf(Locale.ROOT, "idle warm users' CPU: %.3f cores for %d app-servers (%.2f %% of a core each), "
                + "%.0f s after the burst%n", idleCliCores, warm, warm == 0 ? 0 : 100 * idleCliCores / warm,
                sinceBurstSeconds);
        System.out.printf(Locale.ROOT, "cheap requests, %d keep-alive connections (one client thread), %d s each after "
                + "a %.0f s warm-up of all three (until the JIT compiler rested) and %d s of its own%n", connections,
                listSeconds, warmupSeconds, listWarmupSeconds);
        System.out.println("                                          rps      p50 ms    p99 ms   errors  ratio to /healthz");
        for (Listing l : List.of(healthRun, chatRun, messageRun)) {
            System.out.printf(Locale.ROOT, "  %-34s %9.0f %9.2f %9.2f %7d   %.2f%n", l.name, l.rps, l.p50, l.p99,
                    l.errors, l.rps / healthRun.rps);
        }
        System.out.println("  cores busy while measuring (CPU seconds / wall seconds; the machine has "
                + Runtime.getRuntime().availableProcessors() + ")");
        System.out.println("                                     server threads  client  other JVM  PostgreSQL  idle CLIs  "
                + "server CPU per request");
        for (Listing l : List.of(healthRun, chatRun, messageRun)) {
            System.out.printf(Locale.ROOT, "  %-34s %9.2f %9.2f %9.2f %10.2f %10.2f %12.3f ms%n", l.name,
                    l.cpu.server(), l.cpu.client(), l.cpu.otherJvm(), l.cpu.postgres(), l.cpu.cli(),
                    l.cpu.server() * 1000 / l.rps);
        }
        for (Listing l : List.of(healthRun, chatRun, messageRun)) {
            System.out.printf(Locale.ROOT, "  %-34s busiest other JVM threads: %s%n", l.name,
                    l.cpu.busiestOtherThreads());
        }
        System.out.println(line);
        System.out.println("targets: 50 users: 0 failed, heap < 512 MB; chat listing >= 30% of /healthz rps, p99 < 50 ms");
    }

    // ---------------------------------------------------------------------------------------------- streaming

    private enum Kind { COMPLETED, REFUSED, REFUSED_IN_STREAM, FAILED }

    private record Outcome(Kind kind, long sent, long firstDelta, String detail) {
    }

    private Outcome stream(String base, String token, String chatId) {
        long sent = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/ai/chats/" + chatId + "/messages"))
                    .timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("content", PROMPT))))
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                if (response.statusCode() == 429) {
                    return new Outcome(Kind.REFUSED, sent, 0, "429");
                }
                if (response.statusCode() != 200) {
                    return new Outcome(Kind.FAILED, sent, 0, "HTTP " + response.statusCode() + " "
                            + reader.readLine());
                }
                long firstDelta = 0;
                int chars = 0;
                String event = null;
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:") && event != null) {
                        String data = line.substring(5).strip();
                        switch (event) {
                            case "delta" -> {
                                if (firstDelta == 0) {
                                    firstDelta = System.nanoTime();
                                }
                                chars += JSON.readTree(data).path("text").asText().length();
                            }
                            case "done" -> {
                                return new Outcome(Kind.COMPLETED, sent, firstDelta, chars + " chars");
                            }
                            case "error" -> {
                                JsonNode error = JSON.readTree(data);
                                boolean limited = "rate_limited".equals(error.path("code").asText());
                                return new Outcome(limited ? Kind.REFUSED_IN_STREAM : Kind.FAILED, sent, 0, data);
                            }
                            default -> {
                            }
                        }
                    } else if (line.isEmpty()) {
                        event = null;
                    }
                }
                return new Outcome(Kind.FAILED, sent, 0, "stream ended without done");
            }
        } catch (Exception e) {
            return new Outcome(Kind.FAILED, sent, 0, e.toString());
        }
    }

    // ---------------------------------------------------------------------------------------------- listing

    private record Listing(String name, double rps, double p50, double p99, int errors, CpuSplit cpu) {
    }

    /** Cores busy on average over a measured window, by who used them. */
    private record CpuSplit(double server, double client, double otherJvm, String busiestOtherThreads,
                            double postgres, double cli) {
    }

    /**
     * {@code connections} keep-alive connections, driven by one client thread, send GETs back to back: a warm-up
     * (so the JIT has compiled the path), then the measured seconds. Every reply must be 200.
     */
    private Listing listing(String name, int port, int userCount, IntFunction<ClosedLoopClient.Target> targets)
            throws Exception {
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(listWarmupSeconds);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(listSeconds);
        ClosedLoopClient client = new ClosedLoopClient(port, i -> targets.apply(i % userCount));
        FutureTask<ClosedLoopClient.Result> run = new FutureTask<>(() -> client.run(connections, measureFrom, end));
        new Thread(run, CLIENT_THREAD).start();
        TurnLatencyBenchmark.sleep(TimeUnit.NANOSECONDS.toMillis(measureFrom - System.nanoTime()));
        CpuSnapshot before = CpuSnapshot.take(postmaster);
        ClosedLoopClient.Result result = run.get(5, TimeUnit.MINUTES);
        CpuSplit cpu = CpuSnapshot.take(postmaster).since(before, result.cpuNanos());
        List<Double> all = new ArrayList<>();
        for (long v : result.latencies()) {
            all.add(ms(v));
        }
        if (all.isEmpty()) {
            return new Listing(name, 0, 0, 0, result.errors(), cpu);
        }
        return new Listing(name, all.size() / (double) listSeconds, TurnLatencyBenchmark.percentile(all, 50),
                TurnLatencyBenchmark.percentile(all, 99), result.errors(), cpu);
    }

    private static final String CLIENT_THREAD = "bench-list-client";
    /** Thread group names as the kernel keeps them (15 characters, digits folded to N; see CpuSnapshot). */
    private static final String CLIENT_THREAD_COMM = CLIENT_THREAD.substring(0, 15);
    private static final String COMPILER_THREADS = "CN CompilerThre";

    /**
     * Sends the three kinds of requests, mixed, in rounds of 2 s until the JIT compiler threads used under a
     * twentieth of a core in a round (at most 60 s): compiling competes with the server for the same 2 cores,
     * and a fixed warm-up left C2 busy with half a core in the first measured endpoint. Returns the seconds.
     */
    private double warmUpUntilCompiled(int port, IntFunction<ClosedLoopClient.Target> mixed) throws Exception {
        long start = System.nanoTime();
        double compiling;
        do {
            CpuSnapshot before = CpuSnapshot.take(postmaster);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            new ClosedLoopClient(port, mixed).run(connections, end, end);
            CpuSnapshot after = CpuSnapshot.take(postmaster);
            long compilerNanos = after.threadGroups().getOrDefault(COMPILER_THREADS, 0L)
                    - before.threadGroups().getOrDefault(COMPILER_THREADS, 0L);
            compiling = compilerNanos / (double) (after.wallNanos() - before.wallNanos());
        } while (compiling > 0.05 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60));
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * CPU used so far: per JVM thread group (from /proc/self/task, so GC and JIT threads count too; the kernel
     * keeps 15 characters of a name; digits are folded), the whole JVM, PostgreSQL, Codex CLIs.
     */
    private record CpuSnapshot(long wallNanos, Map<String, Long> threadGroups, long jvmNanos, long postgresTicks,
                               long cliTicks) {
        static final String SERVER_THREADS = "JettyServerThre";

        static CpuSnapshot take(ProcessHandle postmaster) {
            Map<String, Long> groups = new HashMap<>();
            try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                tasks.forEach(task -> {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        groups.merge(name.replaceAll("\\d+", "N"),
                                TurnLatencyBenchmark.cpuTicks(stat) * 10_000_000L, Long::sum);
                    } catch (java.io.IOException ended) {
                        // the thread ended meanwhile
                    }
                });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            long postgres = java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster),
                            postmaster.descendants())
                    .mapToLong(p -> TurnLatencyBenchmark.cpuTicks(p.pid())).sum();
            return new CpuSnapshot(System.nanoTime(), groups, jvmCpuNanos(), postgres, cliCpuTicks());
        }

        /** Busy cores since {@code earlier}, with the client's own CPU time (its thread ends with the window). */
        CpuSplit since(CpuSnapshot earlier, long clientNanos) {
            double wall = wallNanos - earlier.wallNanos;
            Map<String, Double> used = new HashMap<>();
            threadGroups.forEach((name, nanos) -> used.put(name,
                    (nanos - earlier.threadGroups.getOrDefault(name, 0L)) / wall));
            double server = used.getOrDefault(SERVER_THREADS, 0.0);
            double client = clientNanos / wall;
            double jvm = (jvmNanos - earlier.jvmNanos) / wall;
            String busiestOthers = used.entrySet().stream()
                    .filter(e -> !e.getKey().equals(SERVER_THREADS) && !e.getKey().equals(CLIENT_THREAD_COMM)
                            && e.getValue() >= 0.01)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", "));
            return new CpuSplit(server, client, Math.max(0, jvm - server - client), busiestOthers,
                    (postgresTicks - earlier.postgresTicks) * 10_000_000.0 / wall,
                    (cliTicks - earlier.cliTicks) * 10_000_000.0 / wall);
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private record Reply(int status, String body) {
    }

    private Reply send(String method, String url, String token, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private static void row(String label, List<Double> values) {
        if (values.isEmpty()) {
            System.out.printf(Locale.ROOT, "%-46s n/a%n", label);
            return;
        }
        System.out.printf(Locale.ROOT, "%-46s p50 %8.1f  p95 %8.1f  max %8.1f  (%d)%n", label,
                TurnLatencyBenchmark.percentile(values, 50), TurnLatencyBenchmark.percentile(values, 95),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(0), values.size());
    }

    /** user + system CPU seconds of the server's live CLI processes, from /proc/PID/stat (100 ticks/s). */
    private static double cliCpuSeconds() {
        return cliCpuTicks() / 100.0;
    }

    /** The embedded postmaster runs detached from this JVM; it is the postgres process started on our data folder. */
    private static ProcessHandle postmasterOf(String serverDataDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(serverDataDir)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no PostgreSQL under " + serverDataDir));
    }

    private static long cliCpuTicks() {
        return TurnLatencyBenchmark.codexProcesses().stream()
                .mapToLong(p -> TurnLatencyBenchmark.cpuTicks(p.pid())).sum();
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /**
     * Peaks, every 50 ms: RSS of this JVM, RSS summed over the server's CLI processes, heap used. The list of
     * CLI processes (a scan of all processes) is refreshed only every 500 ms, so the sampler costs little CPU.
     */
    private static final class PeakSampler implements Runnable {
        volatile boolean stop;
        volatile long jvmKb;
        volatile long cliKb;
        volatile int cliCount;
        volatile long heapBytes;

        @Override
        public void run() {
            List<Long> pids = List.of();
            for (int round = 0; !stop; round++) {
                if (round % 10 == 0) {
                    pids = TurnLatencyBenchmark.codexProcesses().stream()
                            .map(TurnLatencyBenchmark.CodexProcess::pid).toList();
                }
                jvmKb = Math.max(jvmKb, TurnLatencyBenchmark.rssKb(ProcessHandle.current().pid()));
                long sum = 0;
                int alive = 0;
                for (long pid : pids) {
                    long rss = TurnLatencyBenchmark.rssKb(pid);
                    sum += rss;
                    alive += rss > 0 ? 1 : 0;
                }
                if (sum > cliKb) {
                    cliKb = sum;
                    cliCount = alive;
                }
                heapBytes = Math.max(heapBytes, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                TurnLatencyBenchmark.sleep(50);
            }
        }
    }
}
