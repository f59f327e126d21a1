package com.chimti.ai.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerMetricsTest {
    @Test
    void theCodexCliInfoSaysWhichVersionRunsWhetherTestedAndWhetherConfined() {
        try (ServerMetrics metrics = new ServerMetrics()) {
            metrics.watchCodexCli("0.171.0", false, true);
            assertThat(metrics.registry().scrape())
                    .containsPattern("codex_cli_info\\{[^}]*confined=\"true\"[^}]*tested=\"false\"[^}]*"
                            + "version=\"0.171.0\"\\} 1\\b");
        }
    }
}
