package com.chimti.ai.adapter.out.codex.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place a Codex CLI process is started, in both modes: an argument list (never a shell), an environment
 * built from scratch ({@link ChildEnvironment}), the workspace as working folder, stdin owned by the caller, and
 * the OS confinement around it when it is active. It runs through commons-exec ({@link Launch}).
 */
public final class CliLauncher {
    private final Path cliBin;
    private final Confinement confinement;

    public CliLauncher(Path cliBin, Confinement confinement) {
        this.cliBin = cliBin.toAbsolutePath().normalize();
        this.confinement = confinement;
    }

    /**
     * Starts {@code codex <arguments>} for one profile. stdin is a pipe the caller writes (JSON-RPC, a prompt)
     * and closes; stdout is read by the caller ({@link CliProcess#readLines}); stderr is drained unread (it may
     * carry secrets).
     *
     * @param timeout when commons-exec's watchdog ends the process; null for none (a long-lived app-server)
     * @param kind    names the process's threads, e.g. {@code codex-app-server}
     * @param id      tells threads of one kind apart ("" for none)
     */
    public CliProcess start(List<String> arguments, Map<String, String> environment, Path profile, Path workspace,
                            Duration timeout, String kind, String id) {
        List<String> command = new ArrayList<>();
        command.add(cliBin.toString());
        command.addAll(arguments);
        ProcessStreams streams = new ProcessStreams(kind, id);
        Launch launch = Launch.start(confinement.wrap(command, profile, workspace), environment, workspace, streams,
                timeout, kind + (id.isEmpty() ? "" : "-" + id));
        return new CliProcess(launch.process, streams, this);
    }

    /**
     * The CLI process itself, the one to send a signal to: bubblewrap does not forward signals, so when confined
     * it is the descendant running the CLI binary (empty until bubblewrap has started it).
     */
    Optional<ProcessHandle> cli(Process process) {
        if (!confinement.active()) {
            return Optional.of(process.toHandle());
        }
        String bin = cliBin.toString();
        return process.descendants()
                .filter(p -> p.info().command().map(bin::equals).orElse(false))
                .findFirst();
    }
}
