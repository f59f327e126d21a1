package com.chimti.ai.app.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An SSE client reading events as they arrive, so a test can see the first delta before the answer ends. The
 * request, the answer's start and every event are checked against the OpenAPI document ({@link OpenApiContract}):
 * a violation fails the test at its next read of the stream, or when it closes it.
 */
final class SseStream implements AutoCloseable {
    record Event(String id, String name, JsonNode data) {
    }

    private static final Event END = new Event(null, "<end of stream>", null);
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final OpenApiContract.Stream contract;
    private final Thread reader;
    private volatile AssertionError violation;

    private SseStream(HttpResponse<Stream<String>> response, OpenApiContract.Stream contract) {
        this.response = response;
        this.contract = contract;
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SseStream post(int port, String path, String token, String body) {
        return post(port, path, token, body, java.util.Map.of());
    }

    /** With extra request headers, e.g. {@code X-Request-Id}. */
    static SseStream post(int port, String path, String token, String body, java.util.Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return open(builder.build(), body);
    }

    /** Resumes a chat's stream with {@code GET .../events} and {@code Last-Event-ID}. */
    static SseStream resume(int port, String chatId, String token, String lastEventId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/ai/chats/" + chatId
                        + "/events"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", lastEventId)
                .GET()
                .build();
        return open(request, null);
    }

    private static SseStream open(HttpRequest request, String body) {
        try {
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofLines());
            OpenApiContract.Stream contract = OpenApiContract.get().stream(new OpenApiContract.Exchange(
                    request.method(), request.uri(), RunningServer.firstValues(request), body, response.statusCode(),
                    response.headers().map(), null));
            return new SseStream(response, contract);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        StringBuilder whole = new StringBuilder(); // an answer that is no stream (a problem) is checked at its end
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (!contract.isEventStream()) {
                    whole.append(line).append('\n');
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty() && name != null) {
                    String eventName = name;
                    String eventData = data.toString();
                    check(() -> contract.event(eventName, eventData));
                    events.add(new Event(id, name, RunningServer.JSON.readTree(data.toString())));
                    id = null;
                    name = null;
                    data.setLength(0);
                }
            }
        } catch (IOException | UncheckedIOException ended) {
            // the connection closed
        } catch (IllegalStateException closedFirst) {
            // closed by the test before this thread began reading (a refused request)
        } finally {
            if (!contract.isEventStream()) {
                check(() -> contract.body(whole.toString()));
            }
            events.add(END);
        }
    }

    private void check(Runnable contractCheck) {
        try {
            contractCheck.run();
        } catch (AssertionError broken) {
            if (violation == null) {
                violation = broken;
            }
        }
    }

    private void throwIfViolated() {
        if (violation != null) {
            throw violation;
        }
    }

    /** The next event, waiting at most {@code timeout}; fails when none comes. */
    Event next(Duration timeout) {
        try {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            throwIfViolated();
            if (event == null) {
                throw new AssertionError("no SSE event within " + timeout);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event named {@code name}, skipping others. */
    Event next(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event.name().equals(name)) {
                return event;
            }
            if (event == END) {
                throw new AssertionError("the stream ended before a " + name + " event");
            }
        }
    }

    /** Every remaining event up to the end of the stream. */
    List<Event> rest(Duration timeout) {
        List<Event> rest = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event == END) {
                return rest;
            }
            rest.add(event);
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
        throwIfViolated();
    }
}
