package com.chimti.ai.app.bench;

import com.chimti.ai.app.AiServer;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.app.TokenMinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
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
import java.util.concurrent.TimeUnit;

/**
 * A burst at the door: {@code bench.burstClients} (500) clients, each its own user with its own chat, open an
 * SSE turn at the same instant against the stub provider with every limit off. Each client is one plain socket
 * whose connect one thread starts for all of them within a few milliseconds (non-blocking), before each client's
 * thread sends its request and reads the stream to {@code done}: the connections arrive as one burst at the
 * listener's accept queue ({@code AI_HTTP_ACCEPT_QUEUE}). It prints resets (connections the
 * server's kernel dropped), failures (anything else but a completed stream), peak heap and first-delta p95.
 */
final class BurstBenchmark {
    private static final String JWT_SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int clients = Integer.getInteger("bench.burstClients", 500);

    private enum Kind { COMPLETED, RESET, FAILED }

    private record Outcome(Kind kind, long sent, long firstDelta, String detail) {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        new BurstBenchmark().run(Files.createTempDirectory("chimti-burst-"));
    }

    void run(Path dataDir) throws Exception {
        System.out.println("  running the burst part (" + clients + " SSE clients at once, stub provider) ...");
        Map<String, String> env = new HashMap<>();
        env.put("AI_HTTP_PORT", "0");
        env.put("AI_HTTP_HOST", "127.0.0.1");
        env.put("AI_DATA_DIR", dataDir.resolve("server").toString());
        env.put("AI_AUTH_JWT_SECRET", JWT_SECRET);
        env.put("AI_PROVIDERS", "openai-stub");
        env.put("AI_DEFAULT_PROVIDER", "openai-stub");
        // limits off: the burst measures the door, not the abuse controls
        env.put("AI_RATE_USER_RPM", "0");
        env.put("AI_RATE_BRAND_RPM", "0");
        env.put("AI_RATE_USER_TOKENS_PER_DAY", "0");
        env.put("AI_MAX_CONCURRENT_TURNS", "4096");
        env.put("AI_TURN_QUEUE_WAIT_MS", "30000");
        env.put("AI_AUTH_FAILURES_PER_MINUTE", "0");
        for (String name : List.of("AI_HTTP_ACCEPT_QUEUE", "AI_DB_POOL_SIZE", "AI_STUB_DELTA_DELAY_MS")) {
            String value = System.getProperty(name, System.getenv(name));
            if (value != null && !value.isBlank()) {
                env.put(name, value);
            }
        }
        AppConfig config = AppConfig.fromEnvironment(env);
        try (AiServer server = AiServer.start(config, env)) {
            measure(server.port(), config);
        }
    }

    private void measure(int port, AppConfig config) throws Exception {
        List<String> tokens = new ArrayList<>();
        List<String> chats = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int u = 0; u < clients; u++) {
            String token = new TokenMinter(JWT_SECRET, null, null).mint(new TokenMinter.Claims("burst-user-" + u,
                    "bench-client", List.of("brand-1"), List.of(), List.of("BRAND_ADMIN"), false, List.of("ai"),
                    Duration.ofHours(1)));
            HttpResponse<String> chat = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/ai/chats"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"burst\",\"brandId\":\"brand-1\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (chat.statusCode() != 201) {
                throw new IllegalStateException("chat not created: " + chat.statusCode());
            }
            tokens.add(token);
            chats.add(JSON.readTree(chat.body()).get("id").asText());
        }
        System.gc();
        long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        HeapPeak peak = new HeapPeak();
        Thread sampler = new Thread(peak, "burst-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        List<SocketChannel> channels = new ArrayList<>(java.util.Collections.nCopies(clients, null));
        long[] sent = new long[clients];
        for (int u = 0; u < clients; u++) {
            int user = u;
            outcomes.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return stream(channels.get(user), sent[user], tokens.get(user), chats.get(user));
            }));
        }
        ready.await();
        long overflowsBefore = listenOverflows();
        long started = System.nanoTime();
        // every connection's SYN from one thread in a few milliseconds: the burst the accept queue must hold
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        for (int u = 0; u < clients; u++) {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            sent[u] = System.nanoTime();
            channel.connect(server);
            channels.set(u, channel);
        }
        go.countDown();
        List<Outcome> results = new ArrayList<>();
        for (Future<Outcome> f : outcomes) {
            results.add(f.get(10, TimeUnit.MINUTES));
        }
        long wall = System.nanoTime() - started;
        long overflows = listenOverflows() - overflowsBefore;
        pool.shutdown();
        peak.stop = true;
        sampler.join();

        int completed = 0;
        int resets = 0;
        List<String> failures = new ArrayList<>();
        List<Double> firstDelta = new ArrayList<>();
        for (Outcome o : results) {
            switch (o.kind) {
                case COMPLETED -> {
                    completed++;
                    firstDelta.add((o.firstDelta - o.sent) / 1e6);
                }
                case RESET -> resets++;
                case FAILED -> failures.add(o.detail);
            }
        }
        String line = "==================================================================================================";
        System.out.println();
        System.out.println(line);
        System.out.printf(Locale.ROOT, "Burst at the door: %d SSE clients at once, stub provider (%d ms per word), "
                        + "limits off, accept queue %d (kernel somaxconn %s), %d cores, JVM max heap %d MB%n",
                clients, config.stub().deltaDelay().toMillis(), config.httpAcceptQueue(), somaxconn(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.println(line);
        System.out.printf(Locale.ROOT, "  completed %d, resets %d, failures %d (wall %.1f s)%n", completed, resets,
                failures.size(), wall / 1e9);
        failures.stream().limit(3).forEach(f -> System.out.println("    failed: " + f));
        System.out.printf(Locale.ROOT, "  kernel listen-queue overflows during the burst (TcpExt ListenOverflows, "
                + "this network namespace): %s%n", overflows < 0 ? "unknown" : Long.toString(overflows));
        System.out.printf(Locale.ROOT, "  peak JVM heap used %.1f MB (server and the %d clients in one JVM; %.1f MB "
                + "before the burst)%n", peak.bytes / 1e6, clients, heapBefore / 1e6);
        if (!firstDelta.isEmpty()) {
            System.out.printf(Locale.ROOT, "  first delta after the request was sent: p50 %.1f ms, p95 %.1f ms, "
                            + "max %.1f ms%n", TurnLatencyBenchmark.percentile(firstDelta, 50),
                    TurnLatencyBenchmark.percentile(firstDelta, 95), firstDelta.stream().mapToDouble(d -> d).max()
                            .orElse(0));
        }
        System.out.println(line);
        System.out.println("targets: 0 resets, 0 failures, heap < 512 MB with -Xmx512m");
    }

    /** One client: its connection (opened in the burst), the turn's POST, the stream read to done. */
    private Outcome stream(SocketChannel channel, long sent, String token, String chatId) {
        try (channel) {
            channel.configureBlocking(true);
            channel.finishConnect();
            Socket socket = channel.socket();
            socket.setSoTimeout(300_000);
            byte[] body = "{\"content\":\"Summarise the stock levels of my brand.\"}"
                    .getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/ai/chats/" + chatId + "/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String status = reader.readLine();
            if (status == null || !status.startsWith("HTTP/1.1 200")) {
                return new Outcome(Kind.FAILED, sent, 0, "status " + status);
            }
            String line;
            while ((line = reader.readLine()) != null && !line.isEmpty()) {
                // response headers
            }
            long firstDelta = 0;
            String event = null;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:") && event != null) {
                    if (event.equals("delta") && firstDelta == 0) {
                        firstDelta = System.nanoTime();
                    } else if (event.equals("done")) {
                        return new Outcome(Kind.COMPLETED, sent, firstDelta == 0 ? System.nanoTime() : firstDelta,
                                "");
                    } else if (event.equals("error")) {
                        JsonNode error = JSON.readTree(line.substring(5).strip());
                        return new Outcome(Kind.FAILED, sent, 0, "error event " + error.path("code").asText());
                    }
                } else if (line.isEmpty()) {
                    event = null;
                }
            }
            return new Outcome(Kind.FAILED, sent, 0, "stream ended without done");
        } catch (SocketException | java.nio.channels.ClosedChannelException e) {
            String message = String.valueOf(e.getMessage());
            boolean reset = message.contains("reset") || message.contains("Broken pipe");
            return new Outcome(reset ? Kind.RESET : Kind.FAILED, sent, 0, e.toString());
        } catch (Exception e) {
            return new Outcome(Kind.FAILED, sent, 0, e.toString());
        }
    }

    /** TcpExt ListenOverflows from /proc/net/netstat: SYNs dropped because an accept queue was full. */
    private static long listenOverflows() {
        try (var in = Files.newInputStream(Path.of("/proc/net/netstat"))) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n");
            for (int i = 0; i + 1 < lines.length; i++) {
                if (lines[i].startsWith("TcpExt:") && lines[i + 1].startsWith("TcpExt:")) {
                    List<String> names = List.of(lines[i].split("\\s+"));
                    String[] values = lines[i + 1].split("\\s+");
                    int at = names.indexOf("ListenOverflows");
                    return at < 0 ? -1 : Long.parseLong(values[at]);
                }
            }
            return -1;
        } catch (Exception unknown) {
            return -1;
        }
    }

    private static String somaxconn() {
        try (var in = Files.newInputStream(Path.of("/proc/sys/net/core/somaxconn"))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (Exception unknown) {
            return "unknown";
        }
    }

    /** Heap used, sampled every 20 ms (no GC forced): the peak. */
    private static final class HeapPeak implements Runnable {
        volatile boolean stop;
        volatile long bytes;

        @Override
        public void run() {
            while (!stop) {
                bytes = Math.max(bytes, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                TurnLatencyBenchmark.sleep(20);
            }
        }
    }
}
