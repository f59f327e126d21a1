package com.chimti.ai.app.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.app.AppConfig;
import com.chimti.ai.app.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingTest {

    private static AppConfig.Telemetry telemetry(Map<String, String> otel) {
        Map<String, String> env = new HashMap<>(Map.of("AI_AUTH_JWT_SECRET", "tracing-test-secret-0123456789abcdef0123"));
        env.putAll(otel);
        return AppConfig.fromEnvironment(env).telemetry();
    }

    @Test
    void byDefaultNoSdkStartsAndNothingIsRecorded() {
        try (Tracing tracing = Tracing.start(telemetry(Map.of()))) {
            assertThat(tracing.sdkStarted()).isFalse();
            assertThat(tracing.tracer().spanBuilder("x").startSpan().getSpanContext().isValid())
                    .as("a no-op tracer").isFalse();
        }
    }

    @Test
    void otelVariablesThatDoNotNameAnExporterKeepItOff() {
        assertThat(telemetry(Map.of("OTEL_SERVICE_NAME", "ai")).enabled()).isFalse();
        assertThat(telemetry(Map.of("OTEL_TRACES_EXPORTER", "none")).enabled()).isFalse();
        assertThat(telemetry(Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_SDK_DISABLED", "true")).enabled())
                .as("disabled wins").isFalse();
    }

    @Test
    void anExporterOrSdkDisabledFalseTurnsItOn() {
        assertThat(telemetry(Map.of("OTEL_TRACES_EXPORTER", "otlp")).enabled()).isTrue();
        assertThat(telemetry(Map.of("OTEL_SDK_DISABLED", "false")).enabled()).isTrue();
        try (Tracing tracing = Tracing.start(telemetry(Map.of("OTEL_TRACES_EXPORTER", "memory")))) {
            assertThat(tracing.sdkStarted()).isTrue();
            assertThat(tracing.tracer().spanBuilder("x").startSpan().getSpanContext().isValid()).isTrue();
        }
    }

    @Test
    void aMalformedSwitchStopsTheServer() {
        assertThatThrownBy(() -> telemetry(Map.of("OTEL_SDK_DISABLED", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OTEL_SDK_DISABLED");
    }

    @Test
    void anExporterTheSdkDoesNotKnowStopsTheServerWithAOneLineReason() {
        assertThatThrownBy(() -> Tracing.start(telemetry(Map.of("OTEL_TRACES_EXPORTER", "carrier-pigeon"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OTEL_").hasMessageContaining("carrier-pigeon");
    }

    @Test
    void theConfigurationNeverPrintsHeaderValues() {
        String printed = telemetry(Map.of("OTEL_TRACES_EXPORTER", "otlp",
                "OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer collector-secret")).toString();
        assertThat(printed).contains("OTEL_EXPORTER_OTLP_HEADERS").doesNotContain("collector-secret");
    }
}
