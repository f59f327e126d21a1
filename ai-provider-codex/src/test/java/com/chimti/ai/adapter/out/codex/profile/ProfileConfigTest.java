package com.chimti.ai.adapter.out.codex.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileConfigTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
            "web_search = \"live\"",
            "sandbox_mode = \"danger-full-access\"",
            "approval_policy = \"on-request\"",
            "model = \"gpt-4o\"",
            "profile = \"wide\"\n[profiles.wide]\nmodel_provider = \"x\"",
            "features.shell_tool = true",
            "\"features\".unified_exec = true",
            "[features]\nshell_tool = true",
            "[features]\nenable_request_compression = false",
            "[agents]\nenabled = true",
            "[mcp_servers.files]\ncommand = \"npx\"",
            "[profiles.wide]\nsandbox_mode = \"danger-full-access\"",
            "[profiles.wide.features]\nview_image = true",
            "profiles.wide.web_search = \"live\"",
            "tools.web_search = true",
            "include_apply_patch_tool = true"})
    void anOperatorFileSettingAKeyTheServerOwnsIsRefused(String toml) throws IOException {
        Path file = Files.writeString(dir.resolve("operator.toml"), "model_provider = \"gw\"\n" + toml + "\n");
        assertThatThrownBy(() -> CodexProfiles.checkOperatorFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CODEX_CONFIG_FILE sets ")
                .hasMessageNotContaining("danger-full-access").hasMessageNotContaining("live");
    }

    @Test
    void brokenTomlIsRefusedWithoutEchoingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("operator.toml"), "api_key = sk-secret-value\n");
        assertThatThrownBy(() -> CodexProfiles.checkOperatorFile(file))
                .hasMessageContaining("not valid TOML").hasMessageNotContaining("sk-secret-value");
    }

    @Test
    void theServersKeysAndTheOperatorsTablesAreMerged() throws IOException {
        Path file = Files.writeString(dir.resolve("operator.toml"), "model_provider = \"gw\"\n"
                + "[model_providers.gw]\nname = \"gw\"\nbase_url = \"http://127.0.0.1:1/v1\"\nmodel = \"in a table\"\n");
        String toml = ProfileConfig.load(file).render("gpt-5-mini");
        JsonNode config = new TomlMapper().readTree(toml);
        assertThat(config.path("model").asText()).isEqualTo("gpt-5-mini");
        assertThat(ProfileConfig.model(toml)).isEqualTo("gpt-5-mini");
        assertThat(config.path("sandbox_mode").asText()).isEqualTo("read-only");
        assertThat(config.path("approval_policy").asText()).isEqualTo("never");
        assertThat(config.path("web_search").asText()).isEqualTo("disabled");
        assertThat(config.path("agents").path("enabled").asBoolean(true)).isFalse();
        for (String feature : ProfileConfig.FEATURES_OFF) {
            assertThat(config.path("features").path(feature).isBoolean()).as(feature).isTrue();
            assertThat(config.path("features").path(feature).asBoolean()).as(feature).isFalse();
        }
        assertThat(config.path("model_provider").asText()).isEqualTo("gw");
        assertThat(config.path("model_providers").path("gw").path("model").asText()).isEqualTo("in a table");
    }

    @Test
    void aModelNameCannotBreakOutOfItsString() {
        String toml = ProfileConfig.load(null).render("x\"\nsandbox_mode = \"danger-full-access");
        assertThat(ProfileConfig.model(toml)).isEqualTo("x\"\nsandbox_mode = \"danger-full-access");
        assertThat(toml).doesNotContain("\nsandbox_mode = \"danger-full-access");
    }
}
