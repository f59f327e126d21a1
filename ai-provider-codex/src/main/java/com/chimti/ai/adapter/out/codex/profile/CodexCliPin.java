package com.chimti.ai.adapter.out.codex.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The pinned Codex CLI version, read from its one source of truth: {@code ai-provider-codex/cli/package.json}
 * (with its lockfile), which the build copies into this module's jar. The Dockerfile and the tests read the same
 * file, so moving the pin means editing that file only (see {@code cli/try-version}).
 */
public final class CodexCliPin {
    static final String PACKAGE = "@openai/codex";
    /** Where the build puts {@code cli/package.json} in the jar. */
    private static final String RESOURCE = "/com/chimti/ai/adapter/out/codex/cli/package.json";

    private CodexCliPin() {
    }

    /** The pinned version, e.g. {@code 0.171.0}. */
    public static String version() {
        try (InputStream in = CodexCliPin.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE + " (the Codex CLI pin)");
            }
            return versionIn(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("the Codex CLI pin cannot be read", e);
        }
    }

    /** The exact version {@code package.json} asks for; a range would make the pin meaningless. */
    static String versionIn(JsonNode packageJson) {
        String version = packageJson.path("dependencies").path(PACKAGE).asText("");
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalStateException("package.json must pin " + PACKAGE + " to an exact x.y.z version");
        }
        return version;
    }
}
