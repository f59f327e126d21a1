package com.chimti.ai.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.app.wiring.WebModule;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AI_CONSOLE_ENABLED and AI_HTTP_CORS_ORIGINS: the console follows dev mode unless set; origins must be exact,
 * which the web edge checks before the server starts anything.
 */
class FrontConfigTest {
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("AI_AUTH_JWT_SECRET", "front-config-test-secret-0123456789abcdef");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void theConsoleIsOnInDevModeAndOffOtherwiseUnlessSet() {
        assertThat(AppConfig.fromEnvironment(env()).front().consoleEnabled()).isFalse();
        assertThat(AppConfig.fromEnvironment(env("AI_DEV_MODE", "true")).front().consoleEnabled()).isTrue();
        assertThat(AppConfig.fromEnvironment(env("AI_DEV_MODE", "true", "AI_CONSOLE_ENABLED", "false")).front()
                .consoleEnabled()).isFalse();
        assertThat(AppConfig.fromEnvironment(env("AI_CONSOLE_ENABLED", "true")).front().consoleEnabled()).isTrue();
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_CONSOLE_ENABLED", "sometimes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_CONSOLE_ENABLED");
    }

    @Test
    void corsOriginsAreNoneByDefaultAndEachMustBeAnExactOrigin() {
        assertThat(AppConfig.fromEnvironment(env()).front().corsOrigins()).isEmpty();
        assertThat(AppConfig.fromEnvironment(env("AI_HTTP_CORS_ORIGINS",
                "https://app.example.com, http://localhost:5173")).front().corsOrigins())
                .containsExactly("https://app.example.com", "http://localhost:5173");
        for (String bad : new String[] {"*", "https://app.example.com/", "app.example.com"}) {
            AppConfig config = AppConfig.fromEnvironment(env("AI_HTTP_CORS_ORIGINS", bad));
            assertThatThrownBy(() -> WebModule.frontSettings(config)).as(bad)
                    .isInstanceOf(ConfigException.class).hasMessageContaining("AI_HTTP_CORS_ORIGINS")
                    .hasMessageNotContaining(bad);
            assertThatThrownBy(() -> AiServer.start(config, Map.of())).as("the start stops at once")
                    .isInstanceOf(ConfigException.class);
        }
    }
}
