package com.chimti.ai.adapter.out.codex;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of a CLI process, built from scratch: CODEX_HOME, HOME, a minimal PATH, LANG, and only the
 * variables the operator named in the passthrough list. Nothing else of the server's environment (database
 * passwords, signing secrets) reaches the CLI.
 */
public final class ChildEnvironment {
    public static final String MINIMAL_PATH = "/usr/local/bin:/usr/bin:/bin";

    private ChildEnvironment() {
    }

    public static Map<String, String> build(Map<String, String> serverEnv, Collection<String> passthrough,
                                            Path codexHome, Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", MINIMAL_PATH);
        String lang = serverEnv.get("LANG");
        env.put("LANG", lang == null || lang.isBlank() ? "C.UTF-8" : lang);
        for (String name : passthrough) {
            String value = serverEnv.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        // set last so a passthrough entry can never redirect the profile
        env.put("CODEX_HOME", codexHome.toString());
        env.put("HOME", home.toString());
        return env;
    }
}
