package com.chimti.ai.app.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A tiny fake OpenAI model for the benchmarks, on 127.0.0.1 with the JDK HTTP server. {@code POST /v1/responses}
 * gets an SSE stream with a FIXED answer of {@code tokens} {@code response.output_text.delta} events, one every
 * {@code deltaPeriodNanos} (on an absolute schedule, so the stream takes {@code (tokens - 1) * period} whatever
 * the writes cost). For every such request it records, with {@link System#nanoTime()}, when the request
 * arrived, when the first delta was written and flushed, and when the stream was closed. Everything else gets 404.
 *
 * <p>The JDK server leaves Nagle's algorithm on unless {@code sun.net.httpserver.nodelay=true} is set before
 * its first use; {@link TurnLatencyBenchmark} sets it, so small deltas are not held back by the kernel.
 */
final class FakeModelServer implements AutoCloseable {

    /** One {@code POST /v1/responses}, with nanoTime stamps (0 = not reached). */
    static final class Recorded {
        final long arrivedNanos;
        final String authorization;
        volatile long firstDeltaNanos;
        volatile long closedNanos;
        volatile boolean failed;

        Recorded(long arrivedNanos, String authorization) {
            this.arrivedNanos = arrivedNanos;
            this.authorization = authorization;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final int tokens;
    private final long deltaPeriodNanos;
    private final List<String> pieces;
    private final String answer;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger notFound = new AtomicInteger();
    private final AtomicInteger counter = new AtomicInteger();

    FakeModelServer(int tokens, long deltaPeriodNanos) {
        this.tokens = tokens;
        this.deltaPeriodNanos = deltaPeriodNanos;
        List<String> words = new ArrayList<>(tokens);
        String[] vocabulary = {"stock ", "levels ", "are ", "steady ", "across ", "the ", "brand, ", "with ",
            "tyres ", "and ", "oil ", "filters ", "restocked ", "weekly. "};
        for (int i = 0; i < tokens; i++) {
            words.add(vocabulary[i % vocabulary.length]);
        }
        this.pieces = List.copyOf(words);
        this.answer = String.join("", pieces);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-model-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The answer every request gets, as the deltas concatenate. */
    String answer() {
        return answer;
    }

    int tokens() {
        return tokens;
    }

    long deltaPeriodNanos() {
        return deltaPeriodNanos;
    }

    /** The operator TOML that sends Codex's model traffic here (and its ChatGPT backend calls, which get 404). */
    String codexConfigToml() {
        return "model_provider = \"fake\"\n"
                + "chatgpt_base_url = \"" + baseUrl() + "/backend-api/\"\n"
                + "\n"
                + "[model_providers.fake]\n"
                + "name = \"fake\"\n"
                + "base_url = \"" + baseUrl() + "/v1\"\n"
                + "wire_api = \"responses\"\n"
                + "requires_openai_auth = true\n";
    }

    /** How many {@code POST /v1/responses} arrived so far; pass it to {@link #since(int)} after a turn. */
    int count() {
        return requests.size();
    }

    /** The {@code /v1/responses} requests from index {@code from} on, in arrival order. */
    List<Recorded> since(int from) {
        return List.copyOf(requests.subList(from, requests.size()));
    }

    int notFoundCount() {
        return notFound.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            long arrived = System.nanoTime();
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
            }
            if (!"POST".equals(ex.getRequestMethod()) || !"/v1/responses".equals(ex.getRequestURI().getPath())) {
                notFound.incrementAndGet();
                byte[] body = "{\"error\":{\"message\":\"not found\"}}".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(404, body.length);
                ex.getResponseBody().write(body);
                return;
            }
            Recorded recorded = new Recorded(arrived, ex.getRequestHeaders().getFirst("Authorization"));
            requests.add(recorded);
            try {
                stream(ex, recorded);
            } catch (IOException e) {
                recorded.failed = true;
                throw e;
            }
        }
    }

    private void stream(HttpExchange ex, Recorded recorded) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.getResponseHeaders().add("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        int n = counter.incrementAndGet();
        String responseId = "resp_bench_" + n;
        String itemId = "msg_bench_" + n;
        event(out, "response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"" + responseId + "\"}}");
        event(out, "response.output_item.added", "{\"type\":\"response.output_item.added\",\"output_index\":0,"
                + "\"item\":{\"type\":\"message\",\"id\":\"" + itemId + "\",\"role\":\"assistant\",\"content\":[]}}");
        long start = System.nanoTime();
        for (int i = 0; i < pieces.size(); i++) {
            if (i > 0) {
                sleepUntil(start + i * deltaPeriodNanos);
            }
            event(out, "response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"item_id\":\""
                    + itemId + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + pieces.get(i) + "\"}");
            if (i == 0) {
                recorded.firstDeltaNanos = System.nanoTime();
            }
        }
        event(out, "response.output_item.done", "{\"type\":\"response.output_item.done\",\"output_index\":0,"
                + "\"item\":{\"type\":\"message\",\"id\":\"" + itemId + "\",\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"output_text\",\"text\":\"" + answer + "\"}]}}");
        event(out, "response.completed", "{\"type\":\"response.completed\",\"response\":{\"id\":\"" + responseId
                + "\",\"usage\":{\"input_tokens\":100,\"input_tokens_details\":null,\"output_tokens\":" + tokens
                + ",\"output_tokens_details\":null,\"total_tokens\":" + (100 + tokens) + "}}}");
        out.close();
        recorded.closedNanos = System.nanoTime();
    }

    private static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static void event(OutputStream out, String type, String data) throws IOException {
        out.write(("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
