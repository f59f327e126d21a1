package com.chimti.ai.app.system;

import java.util.ArrayList;
import java.util.List;

/** The events of a whole SSE body (comments and keep-alives skipped), for checking a stream read at once. */
final class SseEvents {
    record Event(String id, String name, String data) {
    }

    private SseEvents() {
    }

    static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : (body + "\n\n").split("\r?\n", -1)) {
            if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            } else if (line.isEmpty() && name != null) {
                events.add(new Event(id, name, data.toString()));
                id = null;
                name = null;
                data.setLength(0);
            }
        }
        return events;
    }
}
