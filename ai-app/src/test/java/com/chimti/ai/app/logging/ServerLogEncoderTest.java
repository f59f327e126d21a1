package com.chimti.ai.app.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.app.ConfigException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** The masking layer: whatever reaches a log call, neither format writes a secret. */
class ServerLogEncoderTest {
    static final String OPENAI_KEY = "sk-proj-Zx81KqLmN0pQrStUvWxYz1234";
    static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6OTk5OTk5OTk5OX0"
            + ".c2lnbmF0dXJlLW9mLXRoZS10b2tlbi0wMTIzNDU2Nzg5";
    static final String CARD = "4111 1111 1111 1111";
    static final List<String> SECRETS = List.of(OPENAI_KEY, AWS_KEY, JWT, CARD, "4111111111111111");

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("com.chimti.test");

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void secretsInTheMessageItsArgumentsTheExceptionItsCauseAndTheMdcAreMasked(LogFormat format) {
        Exception failure = new IllegalStateException("upstream said: invalid key " + OPENAI_KEY,
                new RuntimeException("card " + CARD + " declined; token " + JWT));
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.ERROR,
                "login failed for key {} with aws {}", failure, new Object[] {OPENAI_KEY, AWS_KEY});
        event.setMDCPropertyMap(Map.of("requestId", "req-42", "note", "Bearer " + JWT));

        String line = encode(format, event);

        assertThat(line).doesNotContain(SECRETS);
        assertThat(line).contains("[REDACTED:openai_key]", "[REDACTED:aws_key]", "[REDACTED:jwt]",
                "[REDACTED:card_number]", "req-42", "IllegalStateException", "login failed for key");
    }

    @Test
    void jsonLinesAreOneValidObjectWithTheRequestIdAsAField() throws Exception {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO,
                "turn ended with {}", null, new Object[] {"key " + OPENAI_KEY});
        event.setMDCPropertyMap(Map.of("requestId", "req-7"));

        String line = encode(LogFormat.JSON, event);

        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("requestId").asText()).isEqualTo("req-7");
        assertThat(json.get("message").asText()).isEqualTo("turn ended with key [REDACTED:openai_key]");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
    }

    @Test
    void textLinesShowTheRequestIdOrADash() {
        LoggingEvent inRequest = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "served", null,
                null);
        inRequest.setMDCPropertyMap(Map.of("requestId", "req-9"));
        LoggingEvent outside = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "started", null, null);
        outside.setMDCPropertyMap(Map.of());

        assertThat(encode(LogFormat.TEXT, inRequest)).contains("[req-9] com.chimti.test - served");
        assertThat(encode(LogFormat.TEXT, outside)).contains("[-] com.chimti.test - started");
    }

    @Test
    void theFormatComesFromAiLogFormatOrElseDevMode() {
        assertThat(AppConfig.logFormat(Map.of())).isEqualTo(LogFormat.JSON);
        assertThat(AppConfig.logFormat(Map.of("AI_DEV_MODE", "true"))).isEqualTo(LogFormat.TEXT);
        assertThat(AppConfig.logFormat(Map.of("AI_DEV_MODE", "true", "AI_LOG_FORMAT", "JSON")))
                .isEqualTo(LogFormat.JSON);
        assertThat(AppConfig.logFormat(Map.of("AI_LOG_FORMAT", " text "))).isEqualTo(LogFormat.TEXT);
        assertThatThrownBy(() -> AppConfig.logFormat(Map.of("AI_LOG_FORMAT", "xml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_LOG_FORMAT");
    }

    @Test
    void theCoresSystemLoggerGoesThroughLogbackAndItsMasking() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<String> written = new CopyOnWriteArrayList<>();
        ServerLogEncoder encoder = new ServerLogEncoder(LogFormat.TEXT);
        encoder.setContext(root.getLoggerContext());
        encoder.start();
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                written.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
            }
        };
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
        try {
            System.getLogger("com.chimti.ai.core.service.Probe")
                    .log(System.Logger.Level.WARNING, "counting failed near {0}", OPENAI_KEY);
        } finally {
            root.detachAppender(appender);
        }
        assertThat(written).singleElement().asString()
                .contains("com.chimti.ai.core.service.Probe", "counting failed near [REDACTED:openai_key]");
    }

    private String encode(LogFormat format, ILoggingEvent event) {
        ServerLogEncoder encoder = new ServerLogEncoder(format);
        encoder.setContext(context);
        encoder.start();
        try {
            return new String(encoder.encode(event), StandardCharsets.UTF_8);
        } finally {
            encoder.stop();
        }
    }
}
