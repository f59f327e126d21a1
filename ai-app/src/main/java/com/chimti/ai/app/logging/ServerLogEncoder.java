package com.chimti.ai.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.app.ConfigException;
import java.nio.charset.StandardCharsets;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;

/**
 * The server's log encoder (see logback.xml): JSON lines (logstash layout, MDC fields such as {@code requestId}
 * included) or readable text, both masked by {@link SecretMasking}. The format comes from {@link #setFormat} or,
 * when unset, from the environment ({@link AppConfig#logFormat}); a bad {@code AI_LOG_FORMAT} falls back to JSON
 * here and stops the server in AppConfig.
 */
public final class ServerLogEncoder extends EncoderBase<ILoggingEvent> {
    /** The text line: time, level, thread, request id (or -), logger, message. */
    public static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] [%X{requestId:--}] %logger{36} - %msg%n";

    private LogFormat format;
    private Encoder<ILoggingEvent> delegate;

    public ServerLogEncoder() {
    }

    public ServerLogEncoder(LogFormat format) {
        this.format = format;
    }

    /** {@code json} or {@code text}; for logback.xml and tests. */
    public void setFormat(String value) {
        this.format = LogFormat.parse(value);
    }

    @Override
    public void start() {
        if (format == null) {
            try {
                format = AppConfig.logFormat(AppConfig.processEnvironment());
            } catch (ConfigException bad) {
                format = LogFormat.JSON;
            }
        }
        delegate = format == LogFormat.JSON ? json() : text();
        delegate.start();
        super.start();
    }

    private Encoder<ILoggingEvent> json() {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(getContext());
        MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
        masking.addValueMasker(new SecretValueMasker());
        masking.start();
        encoder.setJsonGeneratorDecorator(masking);
        return encoder;
    }

    private Encoder<ILoggingEvent> text() {
        MaskingPatternLayout layout = new MaskingPatternLayout();
        layout.setContext(getContext());
        layout.setPattern(TEXT_PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(getContext());
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        return encoder;
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate == null ? null : delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate == null ? null : delegate.footerBytes();
    }
}
