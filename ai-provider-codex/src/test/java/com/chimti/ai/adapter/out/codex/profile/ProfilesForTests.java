package com.chimti.ai.adapter.out.codex.profile;

import com.chimti.ai.adapter.out.codex.CodexSettings;

/** Profiles the way tests of other packages need them. */
public final class ProfilesForTests {
    private ProfilesForTests() {
    }

    /**
     * The settings' profiles; with {@code cliToolsOff} false their {@code config.toml} leaves the CLI's own tools
     * on, to test the OS confinement alone.
     */
    public static CodexProfiles of(CodexSettings settings, boolean cliToolsOff) {
        ProfileConfig config = ProfileConfig.load(settings.configFile());
        return new CodexProfiles(settings.profileRoot(), settings.workspaceRoot(), settings.profileHashSecret(),
                settings.defaultModel(), cliToolsOff ? config : config.withCliToolsOn());
    }
}
