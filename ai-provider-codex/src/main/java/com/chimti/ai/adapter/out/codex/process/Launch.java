package com.chimti.ai.adapter.out.codex.process;

import com.chimti.ai.core.domain.provider.ProviderFailureException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DaemonExecutor;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.ExecuteStreamHandler;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.ProcessDestroyer;

/**
 * One process run through commons-exec, the only way this adapter starts one: a {@link CommandLine} argument list
 * (no quoting added, no {@code ${}} substitution, never a shell; commons-exec trims each argument's surrounding
 * whitespace), an environment given whole, the executor's {@link ExecuteWatchdog} ending the process past its
 * timeout, and the caller's stream handler.
 *
 * <p>The executor starts the process on a daemon thread of its own and that thread waits for the process until
 * it ends. It is therefore the thread that bubblewrap's {@code --die-with-parent} follows (the kernel's
 * parent-death signal fires when the <em>thread</em> that started a process ends, see {@link Confinement}), and
 * it outlives the process by construction: a CLI never dies with the request or pool thread that asked for it.
 *
 * <p>No commons-exec shutdown destroyer: the server's own drain decides when CLIs stop. The executor's
 * {@link ProcessDestroyer} hook is used only to hand the started {@link Process} over, for its pid, signals and
 * the process-tree kill ({@link ProcessTrees}).
 */
final class Launch {
    final Process process;
    final ExecuteWatchdog watchdog;
    /** The exit code once the executor saw the process end (and stopped the stream handler). */
    final CompletableFuture<Integer> exit;

    private Launch(Process process, ExecuteWatchdog watchdog, CompletableFuture<Integer> exit) {
        this.process = process;
        this.watchdog = watchdog;
        this.exit = exit;
    }

    /**
     * Starts {@code command} and returns once it runs and {@code streams} have its stdio.
     *
     * @param workingDirectory null: the server's own
     * @param timeout          when the watchdog ends the process; null: never
     * @param threadName       names the executor's and the watchdog's threads
     * @throws ProviderFailureException when it could not be started
     */
    static Launch start(List<String> command, Map<String, String> environment, Path workingDirectory,
                        ExecuteStreamHandler streams, Duration timeout, String threadName) {
        DefaultExecutor executor = DaemonExecutor.builder()
                .setThreadFactory(named(threadName))
                .setWorkingDirectory(workingDirectory)
                .setExecuteStreamHandler(streams)
                .get();
        executor.setExitValues(null); // every exit code is the caller's to judge
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout)
                .setThreadFactory(named(threadName)).get();
        executor.setWatchdog(watchdog);
        Handoff handoff = new Handoff();
        executor.setProcessDestroyer(handoff);
        try {
            executor.execute(commandLine(command), environment, handoff);
        } catch (IOException e) {
            throw new ProviderFailureException("the Codex CLI could not be started", e);
        }
        return new Launch(handoff.awaitStart(), watchdog, handoff.exit);
    }

    /** The command as commons-exec's command line: no argument quoted or expanded. */
    static CommandLine commandLine(List<String> command) {
        CommandLine line = new CommandLine(command.get(0));
        for (String argument : command.subList(1, command.size())) {
            line.addArgument(argument, false);
        }
        return line;
    }

    private static ThreadFactory named(String name) {
        // commons-exec puts its own prefix in front of the name and makes the thread a daemon
        return task -> new Thread(task, "-" + name);
    }

    /** Hands the started process to {@link #start}'s caller, and its end to {@link #exit}. */
    private static final class Handoff implements ProcessDestroyer, ExecuteResultHandler {
        private final CompletableFuture<Process> started = new CompletableFuture<>();
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();

        @Override
        public boolean add(Process process) {
            started.complete(process);
            return true;
        }

        @Override
        public boolean remove(Process process) {
            return true;
        }

        @Override
        public int size() {
            return started.isDone() && !exit.isDone() ? 1 : 0;
        }

        @Override
        public void onProcessComplete(int exitValue) {
            exit.complete(exitValue);
        }

        @Override
        public void onProcessFailed(ExecuteException e) {
            started.completeExceptionally(e); // no effect once it had started
            exit.completeExceptionally(e);
        }

        /** Waits without giving up on an interrupt: a process started meanwhile must reach its owner, not leak. */
        Process awaitStart() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return started.get();
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
    }
}
