package com.chimti.ai.adapter.out.codex.process;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * A short command whose output is all we want ({@code codex --version}, the confinement's test run, a signal): an
 * argument list, an environment of PATH and LANG only, stdin closed, stdout and stderr together, ended by
 * commons-exec's watchdog when it runs past its timeout, and then killed with its tree if it is still there.
 */
final class ShortCommand {
    /** How much of the output is kept. */
    private static final int MAX_OUTPUT = 4096;
    /** How long a command may take after the watchdog ended it, before its tree is killed. */
    private static final Duration AFTER_WATCHDOG = Duration.ofSeconds(1);
    /** The timeout of {@link #run(List)}. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** How it ended: the exit code and the first 4 KiB of its output, stripped. */
    record Result(int exitCode, String output) {
    }

    private ShortCommand() {
    }

    /** Null when it could not be started or did not end within ten seconds. */
    static Result run(List<String> command) {
        return run(command, TIMEOUT);
    }

    /** Null when it could not be started or did not end in time. */
    static Result run(List<String> command, Duration timeout) {
        FirstBytes output = new FirstBytes();
        Launch launch;
        try {
            launch = Launch.start(command, Map.of("PATH", ChildEnvironment.MINIMAL_PATH, "LANG", "C.UTF-8"), null,
                    new PumpStreamHandler(output), timeout, "codex-short-command");
        } catch (RuntimeException e) {
            return null;
        }
        try {
            int exit = launch.exit.get(timeout.plus(AFTER_WATCHDOG).toMillis(), TimeUnit.MILLISECONDS);
            return launch.watchdog.killedProcess() ? null : new Result(exit, output.text());
        } catch (TimeoutException | ExecutionException e) {
            ProcessTrees.kill(launch.process.toHandle(), AFTER_WATCHDOG);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Keeps the first {@value #MAX_OUTPUT} bytes written and drops the rest. */
    private static final class FirstBytes extends ByteArrayOutputStream {
        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            super.write(bytes, offset, Math.max(0, Math.min(length, MAX_OUTPUT - count)));
        }

        @Override
        public synchronized void write(int b) {
            if (count < MAX_OUTPUT) {
                super.write(b);
            }
        }

        synchronized String text() {
            return new String(buf, 0, count, StandardCharsets.UTF_8).strip();
        }
    }
}
