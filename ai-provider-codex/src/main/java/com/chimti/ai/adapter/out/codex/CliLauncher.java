package com.chimti.ai.adapter.out.codex;

import com.chimti.ai.core.domain.ProviderFailureException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one place a Codex CLI process is started, in both modes: an argument list (never a shell), an environment
 * built from scratch ({@link ChildEnvironment}), the workspace as working folder, stdin owned by the caller, and
 * the OS confinement around it when it is active.
 *
 * <p>Every process is started from one long-lived thread: bubblewrap's {@code --die-with-parent} is the kernel's
 * parent-death signal, which fires when the <em>thread</em> that started it ends, so a CLI started from a
 * request or pool thread would be killed when that thread retires.
 */
final class CliLauncher {
    private static final ExecutorService STARTER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "codex-cli-starter");
        thread.setDaemon(true);
        return thread;
    });

    private final Path cliBin;
    private final Confinement confinement;

    CliLauncher(Path cliBin, Confinement confinement) {
        this.cliBin = cliBin.toAbsolutePath().normalize();
        this.confinement = confinement;
    }

    /**
     * Starts {@code codex <arguments>} for one profile. stdin is a pipe the caller writes (JSON-RPC, a prompt)
     * and closes; stdout is a pipe; stderr is discarded when {@code keepStderr} is false (it may carry secrets).
     */
    Process start(List<String> arguments, Map<String, String> environment, Path profile, Path workspace,
                  boolean keepStderr) {
        List<String> command = new ArrayList<>();
        command.add(cliBin.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(confinement.wrap(command, profile, workspace));
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.directory(workspace.toFile());
        if (!keepStderr) {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        return startOnStarterThread(builder);
    }

    /** Waits without giving up on an interrupt: a process started meanwhile must reach its owner, not leak. */
    private static Process startOnStarterThread(ProcessBuilder builder) {
        // the task never throws, so the starter thread is never replaced (which would kill its children)
        Future<Object> started = STARTER.submit(() -> {
            try {
                return builder.start();
            } catch (Throwable failed) {
                return failed;
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Object result = started.get();
                    if (result instanceof Process process) {
                        return process;
                    }
                    throw new ProviderFailureException("the Codex CLI could not be started", (Throwable) result);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new ProviderFailureException("the Codex CLI could not be started", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The CLI process itself, the one to send a signal to: bubblewrap does not forward signals, so when confined
     * it is the descendant running the CLI binary (empty until bubblewrap has started it).
     */
    java.util.Optional<ProcessHandle> cli(Process process) {
        if (!confinement.active()) {
            return java.util.Optional.of(process.toHandle());
        }
        String bin = cliBin.toString();
        return process.descendants()
                .filter(p -> p.info().command().map(bin::equals).orElse(false))
                .findFirst();
    }

    boolean confined() {
        return confinement.active();
    }
}
