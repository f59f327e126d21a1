package com.chimti.ai.adapter.out.codex.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of a CLI process, built from scratch: CODEX_HOME, HOME, a minimal PATH, LANG, and only the
 * variables the operator named in the passthrough list. Nothing else of the server's environment (database
 * passwords, signing secrets) reaches the CLI.
 *
 * @param serverEnvironment the server's environment (only LANG and the passthrough names are read)
 * @param passthrough       names copied from it as they are
 */
public record ChildEnvironment(Map<String, String> serverEnvironment, List<String> passthrough) {
    public static final String MINIMAL_PATH = "/usr/local/bin:/usr/bin:/bin";

    public ChildEnvironment {
        serverEnvironment = Map.copyOf(serverEnvironment);
        passthrough = List.copyOf(passthrough);
    }

    /** The environment of a process of the profile whose CODEX_HOME (and HOME) is {@code home}. */
    public Map<String, String> forProfile(Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", MINIMAL_PATH);
        String lang = serverEnvironment.get("LANG");
        env.put("LANG", lang == null || lang.isBlank() ? "C.UTF-8" : lang);
        for (String name : passthrough) {
            String value = serverEnvironment.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        // set last so a passthrough entry can never redirect the profile
        env.put("CODEX_HOME", home.toString());
        env.put("HOME", home.toString());
        return env;
    }
}
