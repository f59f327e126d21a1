package com.chimti.ai.adapter.out.codex.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Layer 1 of the CLI's isolation, least privilege inside the CLI: every profile's {@code config.toml} turns off
 * each tool and feature of the CLI the product does not use, so the model is offered none of them and a call to
 * one anyway is refused ({@code unsupported call}). The server owns those keys and its sandbox and approval
 * settings; an operator file ({@code CODEX_CONFIG_FILE}, e.g. a gateway) that sets any of them, anywhere
 * (top level, dotted keys, tables, {@code [profiles.*]}, a {@code profile} selection), is refused at start.
 *
 * <p>Judged by what the CLI sends the model, not by {@code codex features list}: the real-CLI tests assert the
 * offered tools are exactly the product's own.
 */
final class ProfileConfig {
    private static final TomlMapper TOML = new TomlMapper();

    /** Top-level settings of the server: the sandbox, approvals, credential store and web search. */
    private static final Map<String, String> SERVER_SETTINGS = Map.of(
            "sandbox_mode", "read-only",
            "approval_policy", "never",
            "cli_auth_credentials_store", "file",
            "web_search", "disabled");

    /**
     * The pinned CLI's features (0.169.0 to 0.171.0) that give the model a tool or run something on its own: shell
     * and unified exec, image view and generation, goals, apps/MCP connectors and plugins, browser and computer use,
     * the sleep tool, tool suggestions, shell snapshots (a login shell at start), skill search and installs.
     */
    static final List<String> FEATURES_OFF = List.of("shell_tool", "unified_exec", "view_image", "goals",
            "image_generation", "apps", "plugins", "remote_plugin", "computer_use", "browser_use",
            "browser_use_external", "in_app_browser", "sleep_tool", "tool_suggest", "shell_snapshot",
            "skill_search", "skill_mcp_dependency_install");

    /**
     * Keys the operator file may not set. Whole tables for {@code features} (a feature flag may add a tool),
     * {@code agents} (sub-agents), {@code tools}, {@code mcp_servers} (each server's tools), {@code permissions};
     * {@code profile} because a selected profile would override everything here.
     */
    static final Set<String> OWNED = Set.of("model", "sandbox_mode", "approval_policy", "cli_auth_credentials_store",
            "web_search", "profile", "features", "agents", "tools", "mcp_servers", "permissions",
            "default_permissions", "sandbox_workspace_write", "include_apply_patch_tool",
            "experimental_use_unified_exec_tool", "experimental_use_freeform_apply_patch", "tools_web_search_request",
            "tools_view_image");

    /** Test-only: false writes the server's settings without turning the CLI's tools off (to test layer 2 alone). */
    private final boolean toolsOff;
    private final ObjectNode operator;

    private ProfileConfig(ObjectNode operator, boolean toolsOff) {
        this.operator = operator;
        this.toolsOff = toolsOff;
    }

    /** The server's configuration plus the operator's file (null: none), which is checked here. */
    static ProfileConfig load(Path operatorFile) {
        return new ProfileConfig(operatorFile == null ? TOML.createObjectNode() : readOperatorFile(operatorFile), true);
    }

    ProfileConfig withCliToolsOn() {
        return new ProfileConfig(operator, false);
    }

    /**
     * Parses {@code CODEX_CONFIG_FILE} and refuses it when it sets a key the server owns.
     *
     * @throws IllegalArgumentException naming the file's variable and the key (never a value)
     */
    static ObjectNode readOperatorFile(Path file) {
        JsonNode tree;
        try {
            tree = TOML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("CODEX_CONFIG_FILE is not valid TOML (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("CODEX_CONFIG_FILE cannot be read");
        }
        if (!(tree instanceof ObjectNode table)) {
            throw new IllegalArgumentException("CODEX_CONFIG_FILE is not a TOML document");
        }
        refuseOwned(table, "");
        if (table.get("profiles") instanceof ObjectNode profiles) {
            for (Iterator<Map.Entry<String, JsonNode>> it = profiles.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> profile = it.next();
                if (profile.getValue() instanceof ObjectNode settings) {
                    refuseOwned(settings, "profiles." + profile.getKey() + ".");
                }
            }
        }
        return table;
    }

    private static void refuseOwned(ObjectNode table, String prefix) {
        for (Iterator<String> names = table.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (OWNED.contains(name)) {
                throw new IllegalArgumentException("CODEX_CONFIG_FILE sets " + prefix + name
                        + ", which the server owns (it turns the CLI's own tools off and fixes its sandbox); "
                        + "remove it");
            }
        }
    }

    /** The whole {@code config.toml} of a profile whose user chose {@code model}. */
    String render(String model) {
        ObjectNode config = TOML.createObjectNode();
        config.put("model", model);
        SERVER_SETTINGS.forEach(config::put);
        if (toolsOff) {
            ObjectNode features = config.putObject("features");
            FEATURES_OFF.forEach(feature -> features.put(feature, false));
            config.putObject("agents").put("enabled", false);
        }
        config.setAll(operator.deepCopy());
        try {
            return "# Written by the server (ai-provider-codex) before each use; edits are lost.\n"
                    + TOML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config.toml could not be written", e);
        }
    }

    /** The model a written {@code config.toml} names, or null. */
    static String model(String configToml) {
        try {
            JsonNode model = TOML.readTree(configToml).get("model");
            return model == null || !model.isTextual() || model.asText().isBlank() ? null : model.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
