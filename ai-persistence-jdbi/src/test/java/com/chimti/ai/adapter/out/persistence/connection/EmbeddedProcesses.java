package com.chimti.ai.adapter.out.persistence.connection;

import java.nio.file.Path;
import java.util.List;

/** What the operating system says about embedded PostgreSQL processes. */
final class EmbeddedProcesses {
    private EmbeddedProcesses() {
    }

    static long postmasterPid(Path dataDir) {
        return StalePostmaster.readPid(dataDir.resolve(StalePostmaster.PID_FILE)).orElseThrow();
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Only the postmaster's command line names the data directory; its children are stopped with it. */
    static List<ProcessHandle> serving(Path dataDir) {
        String dir = dataDir.toAbsolutePath().normalize().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(dir)).orElse(false))
                .toList();
    }
}
