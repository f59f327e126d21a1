package com.chimti.ai.adapter.out.codex;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A short command whose output is all we want ({@code codex --version}, the confinement's test run): an argument
 * list, an environment of PATH and LANG only, stdin from {@code /dev/null}, stdout and stderr together, killed
 * with its tree when it does not end within ten seconds.
 */
final class ShortCommand {
    /** How it ended: the exit code and the first 4 KiB of its output, stripped. */
    record Result(int exitCode, String output) {
    }

    private ShortCommand() {
    }

    /** Null when it could not be started or did not end in time. */
    static Result run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", ChildEnvironment.MINIMAL_PATH, "LANG", "C.UTF-8"));
        builder.redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process process = builder.start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                ProcessTrees.kill(process.toHandle(), Duration.ofSeconds(1));
                return null;
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
