package com.chimti.ai.app.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document the server publishes ({@code GET /v1/ai/openapi.json}, kept in the web adapter's
 * resources) as the referee of every system test's HTTP exchange. The schemas are checked by networknt's
 * json-schema-validator with the OpenAPI 3.1 dialect (JSON Schema 2020-12, formats asserted); finding the
 * operation, its parameters, status and media type is done here, as the document says:
 * <ul>
 *   <li>A request the document forbids (bad parameter, body or id) must be refused with a 4xx; a 2xx for it
 *       means the document is stricter than the server, or the server too lax.</li>
 *   <li>A response's status must be documented for its operation (a 2xx or 3xx explicitly; an error may fall to
 *       {@code default}), its {@code Content-Type} must be one of that response's media types, its JSON body must
 *       fit the schema, and each SSE event must be named in {@code x-sse-events} and its data fit that schema.</li>
 *   <li>A request no operation matches (an unknown path, or a method a path lacks) must get a problem+json
 *       4xx.</li>
 * </ul>
 * A violation is an {@link AssertionError} naming the exchange and each fault, so it fails the test that caused it.
 */
final class OpenApiContract {
    static final String RESOURCE = "openapi/openapi.json";
    private static final String LOCATION = "classpath:" + RESOURCE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([^}/]+)}");
    private static final OpenApiContract INSTANCE = new OpenApiContract();

    /** One documented method of one path; {@code pointer} is its JSON pointer in the document. */
    record Operation(String method, String path, Pattern pattern, List<String> names, int literals, String pointer) {
        String name() {
            return method + " " + path;
        }
    }

    /** One HTTP exchange as a test saw it; a null {@code body} means none was sent or read. */
    record Exchange(String method, URI uri, Map<String, String> requestHeaders, String requestBody, int status,
                    Map<String, List<String>> responseHeaders, String responseBody) {
    }

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .build()));
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            document = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> operations.add(operation(path.getKey(), method))));
        // a literal segment beats a template: /v1/ai/models/current before /v1/ai/models/{x}
        operations.sort(Comparator.comparingInt(Operation::literals).reversed());
    }

    static OpenApiContract get() {
        return INSTANCE;
    }

    JsonNode document() {
        return document;
    }

    /** Every documented route as {@code "METHOD /path"}, like {@code AiWebServer.routes()}. */
    TreeSet<String> routes() {
        TreeSet<String> routes = new TreeSet<>();
        operations.forEach(operation -> routes.add(operation.name()));
        return routes;
    }

    private static Operation operation(String path, String method) {
        List<String> names = new ArrayList<>();
        Matcher param = TEMPLATE_PARAM.matcher(path);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (param.find()) {
            regex.append(Pattern.quote(path.substring(last, param.start()))).append("([^/]+)");
            names.add(param.group(1));
            last = param.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        int literals = path.split("/").length - names.size();
        return new Operation(method.toUpperCase(Locale.ROOT), path, Pattern.compile(regex.toString()), names, literals,
                "/paths/" + escape(path) + "/" + method);
    }

    Optional<Operation> find(String method, String rawPath) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1)
                : rawPath; // the server ignores a trailing slash
        return operations.stream().filter(op -> op.method().equals(method) && op.pattern().matcher(path).matches())
                .findFirst();
    }

    /** Checks a whole exchange; throws {@link AssertionError} listing every fault. */
    void verify(Exchange exchange) {
        Faults faults = new Faults(exchange);
        Optional<Operation> operation = find(exchange.method(), exchange.uri().getRawPath());
        if (operation.isEmpty()) {
            checkUnmatched(exchange, faults);
        } else {
            checkRequestAgainstAnswer(operation.get(), exchange, faults);
            JsonNode response = responseOf(operation.get(), exchange.status(), faults);
            if (response != null) {
                checkHeaders(response, exchange.responseHeaders(), faults);
                checkBody(response, exchange, faults);
            }
        }
        faults.throwIfAny();
    }

    /**
     * Checks the start of a streamed exchange (request, status, headers) and returns a checker for its events; the
     * body is checked event by event ({@link Stream#event}) or, when it is not a stream, whole at the end.
     */
    Stream stream(Exchange head) {
        Faults faults = new Faults(head);
        Optional<Operation> operation = find(head.method(), head.uri().getRawPath());
        JsonNode response = null;
        if (operation.isPresent()) {
            checkRequestAgainstAnswer(operation.get(), head, faults);
            response = responseOf(operation.get(), head.status(), faults);
            if (response != null) {
                checkHeaders(response, head.responseHeaders(), faults);
            }
        }
        faults.throwIfAny();
        return new Stream(head, operation.orElse(null), response);
    }

    /** The checks of one streamed answer, fed as it arrives. */
    final class Stream {
        private final Exchange head;
        private final Operation operation;
        private final JsonNode response;

        private Stream(Exchange head, Operation operation, JsonNode response) {
            this.head = head;
            this.operation = operation;
            this.response = response;
        }

        boolean isEventStream() {
            return "text/event-stream".equals(mediaType(head.responseHeaders()));
        }

        /** One SSE event; its data must fit the schema {@code x-sse-events} names for it. */
        void event(String name, String data) {
            Faults faults = new Faults(head);
            checkEvent(response, name, data, faults);
            faults.throwIfAny();
        }

        /** The whole body of an answer that was not a stream (a problem before the stream opened). */
        void body(String body) {
            Exchange whole = new Exchange(head.method(), head.uri(), head.requestHeaders(), head.requestBody(),
                    head.status(), head.responseHeaders(), body);
            Faults faults = new Faults(whole);
            if (operation == null) {
                checkUnmatched(whole, faults);
            } else if (response != null) {
                checkBody(response, whole, faults);
            }
            faults.throwIfAny();
        }
    }

    // ------------------------------------------------------------------------------------------ requests

    private void checkRequestAgainstAnswer(Operation operation, Exchange exchange, Faults faults) {
        List<String> refused = new ArrayList<>();
        JsonNode spec = document.at(operation.pointer());
        checkParameters(operation, spec, exchange, refused);
        checkRequestBody(operation, spec, exchange, refused);
        if (!refused.isEmpty() && exchange.status() < 400) {
            faults.add("the server answered " + exchange.status() + " to a request the document forbids:");
            refused.forEach(fault -> faults.add("  " + fault));
        }
    }

    private void checkParameters(Operation operation, JsonNode spec, Exchange exchange, List<String> refused) {
        Matcher path = operation.pattern().matcher(stripSlash(exchange.uri().getRawPath()));
        path.matches();
        Map<String, String> pathValues = new HashMap<>();
        for (int i = 0; i < operation.names().size(); i++) {
            pathValues.put(operation.names().get(i), decode(path.group(i + 1).replace("+", "%2B"), refused));
        }
        Map<String, List<String>> query = query(exchange.uri().getRawQuery(), refused);
        for (JsonNode declared : parameters(operation, spec)) {
            String pointer = pointerOf(declared) + "/schema";
            JsonNode parameter = resolve(declared);
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            String value = switch (in) {
                case "path" -> pathValues.get(name);
                case "query" -> {
                    List<String> values = query.getOrDefault(name, List.of());
                    if (values.size() > 1) {
                        refused.add("query parameter '" + name + "' is given " + values.size() + " times");
                    }
                    yield values.isEmpty() ? null : values.get(0);
                }
                case "header" -> headerValue(exchange.requestHeaders(), name);
                default -> null;
            };
            if (value == null) {
                if (parameter.path("required").asBoolean(false)) {
                    refused.add(in + " parameter '" + name + "' is required");
                }
                continue;
            }
            String json = asJson(value, document.at(pointer.substring(1)));
            errors(pointer, json).forEach(error -> refused.add(in + " parameter '" + name + "': " + error));
        }
    }

    /** The operation's parameters with the path item's, each resolved when it is a {@code $ref}. */
    private List<JsonNode> parameters(Operation operation, JsonNode spec) {
        List<JsonNode> all = new ArrayList<>();
        JsonNode pathItem = document.at("/paths/" + escape(operation.path()));
        pathItem.path("parameters").forEach(all::add);
        spec.path("parameters").forEach(all::add);
        return all;
    }

    /** Where a parameter lives in the document (after its {@code $ref}), as a {@code #}-pointer. */
    private String pointerOf(JsonNode parameter) {
        if (parameter.has("$ref")) {
            return parameter.get("$ref").asText();
        }
        // an inline parameter: find it by identity under paths
        return "#" + locate(document, parameter, "");
    }

    private static String locate(JsonNode node, JsonNode wanted, String at) {
        if (node == wanted) {
            return at;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String found = locate(field.getValue(), wanted, at + "/" + escape(field.getKey()));
            if (found != null) {
                return found;
            }
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            String found = locate(node.get(i), wanted, at + "/" + i);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private void checkRequestBody(Operation operation, JsonNode spec, Exchange exchange, List<String> refused) {
        JsonNode requestBody = spec.path("requestBody");
        String body = exchange.requestBody();
        boolean empty = body == null || body.isBlank();
        if (requestBody.isMissingNode()) {
            return; // the server reads no body here (confirm, reject, cancel...): whatever was sent is ignored
        }
        if (empty) {
            if (requestBody.path("required").asBoolean(false)) {
                refused.add("the request body is required");
            }
            return;
        }
        try {
            STRICT_JSON.readTree(body);
        } catch (JsonProcessingException malformed) {
            refused.add("the request body is not one JSON value without duplicate keys");
            return;
        }
        errors(operation.pointer() + "/requestBody/content/application~1json/schema", body)
                .forEach(error -> refused.add("request body: " + error));
    }

    // ----------------------------------------------------------------------------------------- responses

    /** The documented response of this status, or null after recording that it is not documented. */
    private JsonNode responseOf(Operation operation, int status, Faults faults) {
        JsonNode responses = document.at(operation.pointer() + "/responses");
        JsonNode response = responses.path(Integer.toString(status));
        if (response.isMissingNode()) {
            response = responses.path(status / 100 + "XX");
        }
        if (response.isMissingNode() && status >= 400) {
            response = responses.path("default");
        }
        if (response.isMissingNode()) {
            faults.add("status " + status + " is not documented for " + operation.name());
            return null;
        }
        return resolve(response);
    }

    private void checkHeaders(JsonNode response, Map<String, List<String>> headers, Faults faults) {
        response.path("headers").fields().forEachRemaining(header -> {
            if (resolve(header.getValue()).path("required").asBoolean(false)
                    && headerValues(headers, header.getKey()).isEmpty()) {
                faults.add("the response lacks the required header " + header.getKey());
            }
        });
    }

    private void checkBody(JsonNode response, Exchange exchange, Faults faults) {
        JsonNode content = response.path("content");
        String body = exchange.responseBody() == null ? "" : exchange.responseBody();
        if (content.isMissingNode()) {
            if (!body.isEmpty()) {
                faults.add("the response has a body where the document has none");
            }
            return;
        }
        String type = mediaType(exchange.responseHeaders());
        String key = mediaKey(content, type);
        if (key == null) {
            faults.add("the response's Content-Type " + type + " is not one of " + fieldNames(content));
            return;
        }
        String schema = pointer(response) + "/content/" + escape(key) + "/schema";
        if (type.equals("text/event-stream")) {
            SseEvents.parse(body).forEach(event -> checkEvent(response, event.name(), event.data(), faults));
        } else if (type.equals("application/json") || type.endsWith("+json")) {
            errors(schema, body).forEach(error -> faults.add("response body: " + error));
        }
    }

    private void checkEvent(JsonNode response, String name, String data, Faults faults) {
        JsonNode events = response == null ? null : response.path("content").path("text/event-stream")
                .path("x-sse-events");
        if (events == null || events.isMissingNode()) {
            faults.add("an SSE event '" + name + "' where the document describes no stream");
            return;
        }
        if (!events.has(name)) {
            faults.add("the SSE event '" + name + "' is not one of " + fieldNames(events));
            return;
        }
        errors(events.get(name).path("$ref").asText(), data)
                .forEach(error -> faults.add("SSE event '" + name + "': " + error));
    }

    /** No documented operation: the deny-by-default answer, a problem+json 4xx. */
    private void checkUnmatched(Exchange exchange, Faults faults) {
        if (exchange.status() < 400 || exchange.status() >= 500) {
            faults.add("no documented operation matches, yet the server answered " + exchange.status());
            return;
        }
        String type = mediaType(exchange.responseHeaders());
        if (!"application/problem+json".equals(type)) {
            faults.add("an unmatched request got " + type + " instead of application/problem+json");
            return;
        }
        errors("#/components/schemas/Problem", exchange.responseBody())
                .forEach(error -> faults.add("problem body: " + error));
    }

    // ------------------------------------------------------------------------------------------- schemas

    /** The schema errors of {@code json} against the schema at {@code pointer} ({@code #/...}), as text. */
    private List<String> errors(String pointer, String json) {
        String at = pointer.startsWith("#") ? pointer : "#" + pointer;
        Schema schema = schemas.computeIfAbsent(at, where -> registry.getSchema(SchemaLocation.of(LOCATION + where)));
        try {
            return schema.validate(json, InputFormat.JSON).stream().map(OpenApiContract::describe).toList();
        } catch (RuntimeException notJson) {
            return List.of("not JSON: " + excerpt(json));
        }
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + " " + error.getMessage();
    }

    /** A {@code $ref} resolved within the document (responses, parameters and headers are refs here). */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    private String pointer(JsonNode response) {
        return locate(document, response, "");
    }

    /** A query or header value as the JSON its schema expects: a number for integer schemas, else a string. */
    private String asJson(String value, JsonNode schema) {
        JsonNode resolved = resolve(schema);
        if ("integer".equals(resolved.path("type").asText()) && value.matches("-?\\d{1,18}")) {
            return value;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static Map<String, List<String>> query(String raw, List<String> refused) {
        Map<String, List<String>> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), refused);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), refused);
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static String decode(String raw, List<String> refused) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            refused.add("malformed percent-encoding");
            return raw;
        }
    }

    private static String stripSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String mediaKey(JsonNode content, String type) {
        if (content.has(type)) {
            return type;
        }
        String range = type.substring(0, type.indexOf('/') + 1) + "*";
        return content.has(range) ? range : content.has("*/*") ? "*/*" : null;
    }

    static String mediaType(Map<String, List<String>> headers) {
        List<String> values = headerValues(headers, "Content-Type");
        return values.isEmpty() ? "(none)" : values.get(0).split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> headerValues(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                .map(Map.Entry::getValue).orElse(List.of());
    }

    private static String headerValue(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                .map(Map.Entry::getValue).orElse(null);
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    static String excerpt(String text) {
        if (text == null) {
            return "(none)";
        }
        return text.length() > 600 ? text.substring(0, 600) + "... (" + text.length() + " chars)" : text;
    }

    /** The faults of one exchange, thrown together with what the exchange was. */
    private static final class Faults {
        private final Exchange exchange;
        private final List<String> faults = new ArrayList<>();

        Faults(Exchange exchange) {
            this.exchange = exchange;
        }

        void add(String fault) {
            faults.add(fault);
        }

        void throwIfAny() {
            if (faults.isEmpty()) {
                return;
            }
            throw new AssertionError("OpenAPI contract (" + RESOURCE + ") violated by " + exchange.method() + " "
                    + exchange.uri().getRawPath() + (exchange.uri().getRawQuery() == null ? ""
                    : "?" + exchange.uri().getRawQuery()) + " -> " + exchange.status() + ":\n  - "
                    + String.join("\n  - ", faults) + "\n  request body: " + excerpt(exchange.requestBody())
                    + "\n  response body: " + excerpt(exchange.responseBody()));
        }
    }
}
