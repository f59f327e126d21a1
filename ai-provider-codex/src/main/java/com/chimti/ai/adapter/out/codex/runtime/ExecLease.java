package com.chimti.ai.adapter.out.codex.runtime;

import com.chimti.ai.adapter.out.codex.process.CliProcess;
import com.chimti.ai.adapter.out.codex.process.ProcessCap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one exec-mode turn holds for its process's whole life ({@link CodexRuntime#execLease}): the user's
 * profile, exclusively (no app-server call of that user runs meanwhile), and a place under the process cap. Close
 * it when the process is gone.
 */
public final class ExecLease implements AutoCloseable {
    private final CodexRuntime runtime;
    private final AppServerRegistry.Exclusive exclusive;
    private final ProcessCap.Permit permit;
    private final Path home;
    private final Path workspace;
    private CliProcess process;

    ExecLease(CodexRuntime runtime, AppServerRegistry.Exclusive exclusive, ProcessCap.Permit permit, Path home,
              Path workspace) {
        this.runtime = runtime;
        this.exclusive = exclusive;
        this.permit = permit;
        this.home = home;
        this.workspace = workspace;
    }

    /** The user's working folder (absolute), the CLI's {@code -C}. */
    public Path workspace() {
        return workspace;
    }

    /**
     * Starts {@code codex <arguments>} in the prepared profile (once per lease). The runtime kills it with its tree
     * if the server closes while it runs.
     *
     * @param timeout when commons-exec's watchdog ends it
     */
    public synchronized CliProcess start(List<String> arguments, Duration timeout) {
        if (process != null) {
            throw new IllegalStateException("an exec lease runs one process");
        }
        process = runtime.startExec(arguments, home, workspace, timeout);
        return process;
    }

    @Override
    public synchronized void close() {
        try {
            if (process != null) {
                runtime.untrack(process);
            }
            permit.close();
        } finally {
            exclusive.close();
        }
    }
}
