package com.chimti.ai.adapter.out.codex.process;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running Codex CLI process ({@link CliLauncher#start}): its stdin, its stdout as lines, and its
 * {@link ProcessHandle} for signals and the process-tree kill.
 */
public final class CliProcess {
    /** How long {@code kill -INT} may take. */
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(2);

    private final Process process;
    private final ProcessStreams streams;
    private final CliLauncher launcher;

    CliProcess(Process process, ProcessStreams streams, CliLauncher launcher) {
        this.process = process;
        this.streams = streams;
        this.launcher = launcher;
    }

    /** The process's stdin: the caller writes it and closes it. */
    public OutputStream stdin() {
        return streams.stdin();
    }

    /**
     * Reads stdout on a thread of its own, handing each line to {@code onLine} until the stream ends (then
     * {@link #outputEnded()} completes). Call once, right after the start.
     */
    public void readLines(Consumer<String> onLine) {
        streams.readLines(onLine);
    }

    /** Completes when stdout has ended (the process and every child holding it are gone). */
    public CompletableFuture<Void> outputEnded() {
        return streams.outputEnded();
    }

    /** Lines the process wrote to stderr, which is never read otherwise. */
    public long stderrLines() {
        return streams.stderrLines();
    }

    public long pid() {
        return process.pid();
    }

    /** When the OS started it, if it says. */
    public Optional<Instant> startInstant() {
        return process.info().startInstant();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or null while it runs. */
    public Integer exitValue() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** Waits up to {@code wait} for it to exit; true when it has. */
    public boolean waitFor(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether anything it started still runs. */
    public boolean hasDescendants() {
        return process.descendants().findAny().isPresent();
    }

    /** Ends it and everything it started ({@link ProcessTrees#kill}). */
    public void killTree(Duration grace) {
        ProcessTrees.kill(process.toHandle(), grace);
    }

    /**
     * {@code kill -INT <pid>} to the CLI itself, as an argument list (Java has no SIGINT of its own; bubblewrap
     * forwards no signal, so the CLI inside it is signalled directly); falls back to ending the process.
     */
    public void interrupt() {
        if (!process.isAlive()) {
            return;
        }
        ProcessHandle cli = launcher.cli(process).orElse(null);
        if (cli == null) {
            // confined, and bubblewrap has not started the CLI yet: nothing to interrupt gracefully
            killTree(Duration.ofMillis(200));
            return;
        }
        Path kill = Files.isExecutable(Path.of("/bin/kill")) ? Path.of("/bin/kill") : Path.of("/usr/bin/kill");
        if (ShortCommand.run(List.of(kill.toString(), "-INT", Long.toString(cli.pid())), SIGNAL_TIMEOUT) == null) {
            cli.destroy();
        }
    }
}
