package com.chimti.ai.adapter.out.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Codex process's JSONL output until it closes, handing each JSON line over. Lines that are not JSON
 * are skipped and logged by length only: they may carry text the user wrote.
 */
final class JsonLines {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLines.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    /** Blocks until the stream ends; {@code source} names the process in logs. */
    static void read(InputStream output, String source, Consumer<JsonNode> onLine) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    LOG.debug("{} wrote a non-JSON line ({} chars)", source, line.length());
                    continue;
                }
                onLine.accept(node);
            }
        } catch (IOException e) {
            // the stream closed with the process
        }
    }
}
