package com.chimti.ai.adapter.out.codex.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Codex process's JSONL output, one JSON object per line. Lines that are not JSON are skipped and logged by
 * length only: they may carry text the user wrote.
 */
public final class JsonLines {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLines.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    /** A reader of lines that hands each JSON line over; {@code source} names the process in logs. */
    public static Consumer<String> parsing(String source, Consumer<JsonNode> onJson) {
        return line -> {
            if (line.isBlank()) {
                return;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                LOG.debug("{} wrote a non-JSON line ({} chars)", source, line.length());
                return;
            }
            onJson.accept(node);
        };
    }

    /** A field's text, or null when it is missing or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
