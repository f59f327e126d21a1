package com.chimti.ai.core.port.in;

import java.util.Objects;

/**
 * One event of a stream as a client receives it: its id {@code <stream key>:<n>} ({@code n} counts from 1), its
 * name and its data, as the edge's {@link StreamEncoder} wrote them.
 */
public record StreamEvent(String id, String name, String data) {
    public StreamEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
    }
}
