package com.chimti.ai.app.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import com.chimti.ai.adapter.in.web.RequestLogContext;
import com.chimti.ai.app.logging.LogFormat;
import com.chimti.ai.app.logging.ServerLogEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Every log line the server writes while a test runs, down to DEBUG for the project's own loggers: the raw
 * message with its exception messages ({@link #lines()}), the line as the production encoder writes it in both
 * formats ({@link #rendered()}), and each event's thread, logger and request id ({@link #events()}).
 */
final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    /** One event: where it was logged and the request id in its MDC (null when none). */
    record Event(String thread, String logger, String requestId, String message) {
    }

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> rendered = new CopyOnWriteArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final ServerLogEncoder json = new ServerLogEncoder(LogFormat.JSON);
    private final ServerLogEncoder text = new ServerLogEncoder(LogFormat.TEXT);
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger project = (Logger) LoggerFactory.getLogger("com.chimti");
    private final Level projectLevel = project.getLevel();

    static CapturedLogs capture() {
        CapturedLogs logs = new CapturedLogs();
        logs.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        logs.attach();
        return logs;
    }

    private void attach() {
        for (ServerLogEncoder encoder : List.of(json, text)) {
            encoder.setContext(getContext());
            encoder.start();
        }
        start();
        root.addAppender(this);
        project.setLevel(Level.DEBUG);
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
        }
        lines.add(line.toString());
        for (ServerLogEncoder encoder : List.of(json, text)) {
            rendered.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
        }
        events.add(new Event(event.getThreadName(), event.getLoggerName(),
                event.getMDCPropertyMap().get(RequestLogContext.MDC_KEY), event.getFormattedMessage()));
    }

    /** Every event as the server writes it, once as a JSON line and once as a text line (masking applied). */
    List<String> rendered() {
        return List.copyOf(rendered);
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        project.setLevel(projectLevel);
        stop();
        json.stop();
        text.stop();
    }
}
