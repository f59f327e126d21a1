package com.chimti.ai.app.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Every log line the server writes while a test runs, down to DEBUG for the project's own loggers. */
final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
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
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        project.setLevel(projectLevel);
        stop();
    }
}
