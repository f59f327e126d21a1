package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every route of the HTTP contract under random and mutated requests (bodies, ids, query strings, headers),
 * sent byte for byte to a real server on the embedded PostgreSQL with the stub provider, under valid tokens of
 * two tenants and a platform admin. For every case: never a 5xx, never a stack trace or exception class name in
 * the answer, no write at all after a 4xx (a digest of every table's rows before and after), and never a record
 * of the other tenant (its chat ids, titles and message text) unless the request itself carried it. A fixed seed
 * and a bounded number of tries keep it reproducible and well under a minute; the number of cases is printed.
 */
class HttpContractFuzzTest {
    private static final int TRIES = 1200;
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger BY_4XX = new AtomicInteger();
    private static final Map<String, Map<Integer, Integer>> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();

    private static Path dataDir;
    private static RunningServer server;
    private static Tenant alice;
    private static Tenant bob;
    private static String platform;

    /** One tenant's token, and what it owns: ids and texts no other tenant may ever see. */
    record Tenant(String name, String token, List<String> chatIds, List<String> markers) {
        List<String> secrets() {
            List<String> all = new ArrayList<>(chatIds);
            all.addAll(markers);
            return all;
        }
    }

    record Route(String method, String template) {
    }

    record Case(int caller, Route route, String id, String query, String body, Map<String, String> headers) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/healthz"), new Route("GET", "/readyz"), new Route("GET", "/metrics"),
            new Route("GET", "/v1/ai/account"), new Route("POST", "/v1/ai/account/login"),
            new Route("GET", "/v1/ai/account/login/{id}"), new Route("DELETE", "/v1/ai/account/login/{id}"),
            new Route("POST", "/v1/ai/account/switch"), new Route("POST", "/v1/ai/account/logout"),
            new Route("GET", "/v1/ai/models"), new Route("PUT", "/v1/ai/models/current"),
            new Route("GET", "/v1/ai/chats"), new Route("POST", "/v1/ai/chats"),
            new Route("GET", "/v1/ai/chats/{id}"), new Route("PATCH", "/v1/ai/chats/{id}"),
            new Route("DELETE", "/v1/ai/chats/{id}"),
            new Route("GET", "/v1/ai/chats/{id}/messages"), new Route("POST", "/v1/ai/chats/{id}/messages"),
            new Route("POST", "/v1/ai/chats/{id}/cancel"), new Route("GET", "/v1/ai/chats/{id}/events"),
            new Route("POST", "/chat"), new Route("POST", "/v1/ai/chat"), new Route("GET", "/v1/ai/skills"),
            new Route("GET", "/v1/ai/usage"), new Route("GET", "/v1/ai/wallet"),
            new Route("POST", "/v1/ai/wallet/credits"),
            new Route("GET", "/v1/ai/actions"), new Route("GET", "/v1/ai/actions/{id}"),
            new Route("POST", "/v1/ai/actions/{id}/confirm"), new Route("POST", "/v1/ai/actions/{id}/reject"),
            new Route("GET", "/v1/ai/artifacts"), new Route("GET", "/v1/ai/artifacts/{id}"),
            new Route("GET", "/v1/ai/artifacts/{id}/content"), new Route("GET", "/v1/ai/admin/audit"),
            new Route("GET", "/no/such/route"), new Route("POST", "/v1/ai/chats/{id}"));

    /** Valid bodies of a route, the seeds the mutations start from (any route may also get any body). */
    private static List<String> seeds(Route route) {
        String t = route.template();
        if (t.equals("/v1/ai/chats")) {
            return List.of("{\"title\":\"fuzz\",\"brandId\":\"brand-1\",\"locationId\":\"loc-1\"}", "{}");
        }
        if (t.equals("/v1/ai/chats/{id}")) {
            return List.of("{\"title\":\"renamed\"}");
        }
        if (t.endsWith("/messages")) {
            return List.of("{\"content\":\"hello\"}");
        }
        if (t.equals("/chat")) {
            return List.of("{\"mode\":\"chat\",\"message\":\"hi\",\"context\":\"ctx\"}",
                    "{\"mode\":\"tool\",\"message\":\"hi\",\"skill\":\"summarize\",\"extra\":{\"maxWords\":10}}");
        }
        if (t.equals("/v1/ai/chat")) {
            return List.of("{\"message\":\"hi\",\"history\":[{\"role\":\"user\",\"content\":\"before\"}]}");
        }
        if (t.equals("/v1/ai/models/current")) {
            return List.of("{\"provider\":\"openai-stub\",\"model\":\"stub-small\"}");
        }
        if (t.startsWith("/v1/ai/account")) {
            return List.of("{\"provider\":\"openai-stub\",\"method\":\"device\",\"apiKey\":\"sk-x\"}");
        }
        if (t.equals("/v1/ai/wallet/credits")) {
            return List.of("{\"clientId\":\"client-a\",\"brandId\":\"brand-1\",\"amount\":5,\"reason\":\"fuzz\","
                    + "\"idempotencyKey\":\"k\"}");
        }
        return List.of("", "{}");
    }

    private static final List<String> NASTY_VALUES = List.of("1e999", "-1e999", "12345", "true", "null",
            "9223372036854775808", "-9223372036854775809", "1000000000000001", "0", "-1", "1.5", "[]", "{}",
            "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]", "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0001b\"",
            "\"\\u001b[31m\"", "\"\\ud800\"", "\"AKIAIOSFODNN7EXAMPLE\"", "\"" + "x".repeat(5000) + "\"",
            "\"<script>alert(1)</script>\"", "\"../../etc/passwd\"", "\"%00\"", "\"\\t\\r\\n\"");

    private static final List<String> QUERY_VALUES = List.of("", "1", "0", "-1", "50", "101", "99999999999",
            "%ZZ", "%", "%0", "%00", "%1F", "%C3%28", "%E2%82", "a+b", "%2B1000000000-01-01T00:00:00Z",
            "2026-01-01T00:00:00Z", "not-a-date", "brand-1", "brand-2", "openai-stub", "codex", "AAAA", "%FF",
            "x".repeat(300), "..%2F..", "chat%3A5", "client-1", "LOGIN_CONNECTED");

    private static final List<String> QUERY_NAMES = List.of("limit", "cursor", "brandId", "chatId", "from", "to",
            "provider", "lastEventId", "status", "x", "%ZZ", "limit", "clientId", "type", "userId");

    @BeforeContainer
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("http-fuzz");
        server = RunningServer.start(dataDir, Map.of(
                "AI_RATE_USER_RPM", "0", "AI_RATE_BRAND_RPM", "0", "AI_RATE_USER_TOKENS_PER_DAY", "0",
                "AI_AUTH_FAILURES_PER_MINUTE", "0", "AI_STUB_DELTA_DELAY_MS", "0"));
        platform = RunningServer.token("ops", "platform", List.of(), List.of("PLATFORM_ADMIN"), true);
        alice = tenant("alice", "client-a", "brand-1");
        bob = tenant("bob", "client-b", "brand-2");
    }

    /** A tenant with two chats, a message in each and a wallet, all marked with texts unique to it. */
    private static Tenant tenant(String user, String client, String brand) {
        String token = RunningServer.token(user, client, List.of(brand), List.of("BRAND_ADMIN"), true);
        String titleMarker = "TITLE-OF-" + user.toUpperCase() + "-7f3a";
        String contentMarker = "CONTENT-OF-" + user.toUpperCase() + "-9c1e";
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            RunningServer.Response created = server.post("/v1/ai/chats", token,
                    "{\"title\":\"" + titleMarker + "\",\"brandId\":\"" + brand + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String chatId = created.json().get("id").asText();
            RunningServer.Response sent = server.post("/v1/ai/chats/" + chatId + "/messages", token,
                    "{\"content\":\"" + contentMarker + "\"}");
            assertThat(sent.status()).as(sent.body()).isEqualTo(200);
            chats.add(chatId);
        }
        RunningServer.Response topUp = server.post("/v1/ai/wallet/credits", platform, "{\"clientId\":\"" + client
                + "\",\"amount\":1000000,\"reason\":\"fuzz\",\"idempotencyKey\":\"seed-" + client + "\"}");
        assertThat(topUp.status()).as(topUp.body()).isEqualTo(200);
        return new Tenant(user, token, chats, List.of(titleMarker, contentMarker));
    }

    @AfterContainer
    static void stop() throws IOException {
        System.out.printf("HTTP contract fuzz: %d cases run, %d answered 4xx%n", CASES.get(),
                BY_4XX.get());
        STATUSES.forEach((route, statuses) -> System.out.printf("  %-45s %s%n", route, statuses));
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Property(tries = TRIES, seed = "20261203", generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE,
            shrinking = ShrinkingMode.OFF)
    void noRequestEndsIn5xxLeaksOrWritesAfterA4xx(@ForAll("cases") Case fuzz) {
        CASES.incrementAndGet();
        Tenant caller = fuzz.caller() == 0 ? alice : fuzz.caller() == 1 ? bob : null;
        String token = caller == null ? platform : caller.token();
        String id = resolveId(fuzz.id());
        if (fuzz.route().equals(new Route("DELETE", "/v1/ai/chats/{id}")) && fuzz.id().startsWith("@")) {
            // the seeded chats stay for the other cases: a delete goes to a fresh chat of the same owner
            id = server.post("/v1/ai/chats", fuzz.id().startsWith("@alice") ? alice.token() : bob.token(),
                    "{\"title\":\"to delete\"}").json().get("id").asText();
        }
        String path = fuzz.route().template().replace("{id}", id);
        String target = resolve(fuzz.query().isEmpty() ? path : path + "?" + fuzz.query());
        String body = resolve(fuzz.body());
        Map<String, String> headers = new LinkedHashMap<>();
        fuzz.headers().forEach((name, value) -> headers.put(name, resolve(value)));
        Map<String, String> before = digest();

        Raw answer = send(fuzz.route().method(), target, token, body, headers);

        String request = target + "\n" + body + "\n" + headers;
        STATUSES.computeIfAbsent(fuzz.route().method() + " " + fuzz.route().template(),
                route -> new java.util.TreeMap<>()).merge(answer.status(), 1, Integer::sum);
        assertThat(answer.status()).as("%s %s -> %s", fuzz.route().method(), target, answer.body())
                .isBetween(200, 499);
        assertThat(answer.body()).as("%s %s", fuzz.route().method(), target)
                .doesNotContain("Exception", "\tat ", "at com.", "at java.", "at io.", "at org.", ".java:");
        if (answer.status() >= 400) {
            BY_4XX.incrementAndGet();
            assertThat(digest()).as("no write after %d to %s %s with %s", answer.status(), fuzz.route().method(),
                    target, fuzz.body()).isEqualTo(before);
        }
        if (caller != null) {
            Tenant other = caller == alice ? bob : alice;
            for (String secret : other.secrets()) {
                if (!request.contains(secret)) {
                    assertThat(answer.body()).as("%s %s as %s", fuzz.route().method(), target, caller.name())
                            .doesNotContain(secret);
                }
            }
        }
    }

    /** {@code {alice}} and {@code {bob}} in a generated text become the tenants' first chat ids. */
    private static String resolve(String text) {
        return text.replace("{alice}", alice.chatIds().get(0)).replace("{bob}", bob.chatIds().get(0));
    }

    /** Ids: the caller's own, the other tenant's, made up, or malformed. */
    private static String resolveId(String id) {
        return switch (id) {
            case "@alice" -> alice.chatIds().get(0);
            case "@bob" -> bob.chatIds().get(0);
            case "@alice2" -> alice.chatIds().get(1);
            case "@bob2" -> bob.chatIds().get(1);
            default -> id;
        };
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> id = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("@alice", "@bob", "@alice2", "@bob2")),
                Tuple.of(1, Arbitraries.of("00000000-0000-0000-0000-000000000000", "%00", "%ZZ", "..", "%2e%2e", "x".repeat(200),
                        "a%2Fb", "%C3%28", "%20", "1e999", "-1", "null")),
                Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').excludeChars('/', '?', '#', '%', ' ')
                        .ofMinLength(1).ofMaxLength(40)));
        // most cases keep a clean query string and clean headers, so the body's mutations reach the route
        Arbitrary<String> query = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just("")),
                Tuple.of(3, pairs()),
                Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').excludeChars('#', ' ').ofMaxLength(60)));
        // routes that read a body get twice the cases: their bodies are where most mutations go
        Arbitrary<Route> routes = Arbitraries.frequencyOf(ROUTES.stream()
                .map(route -> Tuple.of(route.method().equals("GET") || route.method().equals("DELETE") ? 1 : 2,
                        Arbitraries.just(route))).toArray(Tuple.Tuple2[]::new));
        return routes.flatMap(route -> {
            // top-ups are a platform admin's: they get most of that route's cases
            Arbitrary<Integer> caller = route.template().equals("/v1/ai/wallet/credits")
                    ? Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(1, 1), Tuple.of(6, 2))
                    : Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(4, 1), Tuple.of(1, 2));
            return Combinators.combine(caller, Arbitraries.just(route), id, query, bodies(seeds(route)), headers())
                    .as(Case::new);
        });
    }

    private static Arbitrary<String> pairs() {
        Arbitrary<String> pair = Combinators.combine(Arbitraries.of(QUERY_NAMES), Arbitraries.of(QUERY_VALUES),
                Arbitraries.of("@alice", "@bob", "")).as((name, value, chat) ->
                name + "=" + (chat.isEmpty() || !name.equals("chatId") ? value : resolveLater(chat)));
        return pair.list().ofMinSize(1).ofMaxSize(4).map(list -> String.join("&", list));
    }

    /** A placeholder resolved when the case runs (chat ids exist only once the server started). */
    private static String resolveLater(String chat) {
        return chat.equals("@alice") ? "{alice}" : "{bob}";
    }

    private static Arbitrary<String> bodies(List<String> seeds) {
        Arbitrary<String> seed = Arbitraries.of(seeds);
        return Arbitraries.frequencyOf(
                Tuple.of(2, seed),
                // one field's value replaced by a nasty one
                Tuple.of(6, Combinators.combine(seed, Arbitraries.of(NASTY_VALUES),
                        Arbitraries.integers().between(0, 59))
                        .as(HttpContractFuzzTest::replaceValue)),
                // one field's value a string with a control character (C0, JSON-escaped) in it
                Tuple.of(8, Combinators.combine(seed, Arbitraries.frequencyOf(
                        // NUL half the time: PostgreSQL refuses it in text, the other controls it stores
                        Tuple.of(1, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(0, 31))),
                        Arbitraries.integers()
                        .between(0, 59)).as((body, control, field) -> replaceValue(body,
                        String.format("\"x\\u%04xy\"", control), field))),
                // a key given twice
                Tuple.of(1, seed.map(body -> body.startsWith("{\"") ? "{" + body.substring(1, body.indexOf(',') > 0
                        ? body.indexOf(',') : body.length() - 1) + "," + body.substring(1) : body)),
                // cut short at a random place
                Tuple.of(1, Combinators.combine(seed, Arbitraries.integers().between(0, 60))
                        .as((body, cut) -> body.substring(0, Math.min(cut, body.length())))),
                // arbitrary text, JSON scalars and broken documents
                Tuple.of(1, Arbitraries.strings().ofMaxLength(80)),
                Tuple.of(1, Arbitraries.of(NASTY_VALUES)),
                Tuple.of(1, Arbitraries.of("[", "{", "{\"a\":", "{}{}", "{} x", "\u0000", "{\"title\":\"a\"}\u0000",
                        "{\"title\":\"x\",\"title\":\"y\"}", "{\"content\":\"{alice}\"}",
                        "{\"content\":\"{bob}\"}")));
    }

    /** Replaces the value of the {@code field}-th (modulo their number) top-level field of {@code body}. */
    private static String replaceValue(String body, String value, int field) {
        List<int[]> spans = new ArrayList<>(); // [start, end) of each top-level value
        int depth = 0;
        boolean inString = false;
        int valueStart = -1;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 1 && valueStart >= 0) {
                    spans.add(new int[] {valueStart, i});
                    valueStart = -1;
                }
                depth--;
            } else if (c == ':' && depth == 1) {
                valueStart = i + 1;
            } else if (c == ',' && depth == 1 && valueStart >= 0) {
                spans.add(new int[] {valueStart, i});
                valueStart = -1;
            }
        }
        if (spans.isEmpty()) {
            return body;
        }
        int[] span = spans.get(field % spans.size());
        return body.substring(0, span[0]) + value + body.substring(span[1]);
    }

    private static Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> accept = Arbitraries.frequencyOf(Tuple.of(14, Arbitraries.of("application/json",
                "text/event-stream", "*/*", "")), Tuple.of(1, Arbitraries.of("x/\u0001",
                "text/event-stream, application/json")));
        Arbitrary<String> contentType = Arbitraries.frequencyOf(Tuple.of(14, Arbitraries.just("application/json")),
                Tuple.of(1, Arbitraries.of("text/plain", "application/json; charset=latin1",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "")));
        Arbitrary<String> lastEventId = Arbitraries.frequencyOf(Tuple.of(14, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("x", "{alice}:1", "{bob}:1", "a:99999999999999999999", "%ZZ", "-1")));
        Arbitrary<String> requestId = Arbitraries.frequencyOf(Tuple.of(14, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("abc", "x".repeat(100), "<script>", "id-\u0007")));
        return Combinators.combine(accept, contentType, lastEventId, requestId).as((a, c, l, r) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            if (!a.isEmpty()) {
                headers.put("Accept", a);
            }
            if (!c.isEmpty()) {
                headers.put("Content-Type", c);
            }
            if (!l.isEmpty()) {
                headers.put("Last-Event-ID", l);
            }
            if (!r.isEmpty()) {
                headers.put("X-Request-Id", r);
            }
            return headers;
        });
    }

    /** Every table's rows as one digest per table (rate-limit counters and the turn event log excepted). */
    private static Map<String, String> digest() {
        return server.server.instance(Database.class).jdbi().withHandle(handle -> {
            List<String> tables = handle.createQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                    + " AND table_name NOT LIKE 'rate_limit%' AND table_name NOT LIKE 'ai_turn_%'"
                    + " AND table_name <> 'flyway_schema_history' ORDER BY table_name").mapTo(String.class).list();
            Map<String, String> digests = new LinkedHashMap<>();
            for (String table : tables) {
                digests.put(table, handle.createQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text,"
                        + " '|' ORDER BY t::text)), '') FROM \"" + table + "\" t").mapTo(String.class).one());
            }
            return digests;
        });
    }

    record Raw(int status, String body) {
    }

    /** The request byte for byte (so {@code %ZZ} and control characters reach the server as sent). */
    private static Raw send(String method, String target, String token, String body, Map<String, String> headers) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer ").append(token).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (!method.equals("GET") || content.length > 0) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            String responseHead = split < 0 ? answer : answer.substring(0, split);
            String responseBody = split < 0 ? "" : answer.substring(split + 4);
            if (responseHead.toLowerCase().contains("transfer-encoding: chunked")) {
                responseBody = unchunk(responseBody);
            }
            return new Raw(Integer.parseInt(responseHead.substring(9, 12)), responseBody);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        byte[] bytes = chunked.getBytes(StandardCharsets.UTF_8);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(text, lineEnd + 2, Math.min(text.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return new String(body.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
