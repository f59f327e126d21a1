package com.chimti.ai.adapter.out.codex.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.commons.exec.ExecuteStreamHandler;

/**
 * commons-exec's stream handler for a CLI process, which needs its stdio directly: stdin stays open for the caller
 * (the app-server's JSON-RPC, an exec turn's prompt), stdout is read line by line for the caller once it asks
 * ({@link #readLines}), stderr is drained and only its lines counted (it may carry secrets).
 *
 * <p>commons-exec stops the handler when the process has ended and closes the streams right after, so stopping
 * waits (a little) for the caller's reader to reach the end of stdout: lines still buffered are not cut off.
 */
final class ProcessStreams implements ExecuteStreamHandler {
    /** The longest wait on stop for the readers to see their stream end. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

    private final String kind;
    private final String id;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final CompletableFuture<Void> outputEnded = new CompletableFuture<>();
    private final CompletableFuture<Void> errorEnded = new CompletableFuture<>();
    private final AtomicLong stderrLines = new AtomicLong();
    private volatile OutputStream stdin;
    private volatile InputStream stdout;
    private volatile InputStream stderr;

    /** Names the reader threads {@code <kind>-out[-<id>]} and {@code <kind>-err[-<id>]}. */
    ProcessStreams(String kind, String id) {
        this.kind = kind;
        this.id = id;
    }

    @Override
    public void setProcessInputStream(OutputStream processStdin) {
        stdin = processStdin;
    }

    @Override
    public void setProcessOutputStream(InputStream processStdout) {
        stdout = processStdout;
    }

    @Override
    public void setProcessErrorStream(InputStream processStderr) {
        stderr = processStderr;
    }

    @Override
    public void start() {
        daemon("err", this::drainStderr).start();
    }

    @Override
    public void stop() {
        if (reading.get()) {
            await(outputEnded);
        }
        await(errorEnded);
    }

    OutputStream stdin() {
        return stdin;
    }

    long stderrLines() {
        return stderrLines.get();
    }

    CompletableFuture<Void> outputEnded() {
        return outputEnded;
    }

    /** Reads stdout on a thread of its own, each line to {@code onLine}, until it ends; once per process. */
    void readLines(Consumer<String> onLine) {
        if (!reading.compareAndSet(false, true)) {
            throw new IllegalStateException("stdout is read already");
        }
        daemon("out", () -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    onLine.accept(line);
                }
            } catch (IOException e) {
                // the stream closed with the process
            } finally {
                outputEnded.complete(null);
            }
        }).start();
    }

    private void drainStderr() {
        byte[] buffer = new byte[8192];
        try (InputStream err = stderr) {
            int n;
            while ((n = err.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        stderrLines.incrementAndGet();
                    }
                }
            }
        } catch (IOException ignored) {
            // closed
        } finally {
            errorEnded.complete(null);
        }
    }

    private Thread daemon(String stream, Runnable task) {
        Thread thread = new Thread(task, kind + "-" + stream + (id.isEmpty() ? "" : "-" + id));
        thread.setDaemon(true);
        return thread;
    }

    private static void await(CompletableFuture<Void> ended) {
        try {
            ended.get(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // commons-exec closes the stream next, which ends the reader
        }
    }
}
