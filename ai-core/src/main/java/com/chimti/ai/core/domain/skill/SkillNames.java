package com.chimti.ai.core.domain.skill;

import java.util.Locale;
import java.util.Set;

/**
 * Skills are prompt templates, never commands: a skill or an {@code extra} key whose name (or a dash-separated or
 * camelCase part of it) names a shell or a command mechanism is refused, so nobody can mistake the allowlist for a
 * command map.
 */
final class SkillNames {
    static final Set<String> FORBIDDEN = Set.of("shell", "sh", "bash", "zsh", "fish", "pwsh", "powershell", "cmd",
            "command", "commands", "exec", "execute", "eval", "system", "subprocess", "spawn", "argv", "sudo");

    private SkillNames() {
    }

    static boolean isForbidden(String name) {
        if (FORBIDDEN.contains(name.toLowerCase(Locale.ROOT))) {
            return true;
        }
        // dash-separated (skill names) and camelCase (extra keys) parts
        for (String part : name.split("-|(?<=[a-z0-9])(?=[A-Z])")) {
            if (FORBIDDEN.contains(part.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
