package com.chimti.ai.adapter.in.web;

import com.chimti.ai.adapter.in.web.http.WebJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parses a finished SSE body into its events; comment frames are skipped. */
record SseEvents(List<Event> events) {
    record Event(String id, String name, JsonNode data) {
    }

    static SseEvents parse(String body) {
        List<Event> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : frame.split("\n")) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            if (name != null) {
                try {
                    events.add(new Event(id, name, WebJson.MAPPER.readTree(data.toString())));
                } catch (IOException e) {
                    throw new AssertionError("bad event data: " + data, e);
                }
            }
        }
        return new SseEvents(events);
    }

    List<String> names() {
        return events.stream().map(Event::name).toList();
    }

    Event first(String name) {
        return events.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " event in " + names()));
    }

    Event last() {
        return events.get(events.size() - 1);
    }
}
