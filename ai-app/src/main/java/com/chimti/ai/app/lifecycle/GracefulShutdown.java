package com.chimti.ai.app.lifecycle;

import com.chimti.ai.adapter.in.web.AiWebServer;
import com.chimti.ai.core.service.turn.RunningTurns;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a server without losing a turn's bill or leaving a process behind:
 * <ol>
 *   <li>drain: {@code /readyz} says 503 and new turns and one-shot calls get 503 {@code draining};</li>
 *   <li>wait up to the grace period for running turns to end on their own;</li>
 *   <li>cancel the rest; each ends through the normal path (credits settled, usage row {@code cancelled}, the
 *       stream's final {@code error {code:"cancelled"}} event);</li>
 *   <li>wait for every SSE connection to write its last event, then stop HTTP;</li>
 *   <li>stop the providers (every Codex app-server and exec process, as a process tree);</li>
 *   <li>close the rest, the database (and embedded PostgreSQL) last.</li>
 * </ol>
 * Calls that ignore cancellation (one-shot calls have no cancel handle) end when their provider stops; the
 * providers are then stopped before HTTP, so those calls can still settle while the database is open.
 */
public final class GracefulShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
    /** How long cancelled turns get to stop their process and settle. */
    public static final Duration CANCEL_SETTLE = Duration.ofSeconds(10);
    /** How long streams get to write the final event of a turn that has ended. */
    static final Duration STREAM_FLUSH = Duration.ofSeconds(5);

    private final RunningTurns turns;
    private final AiWebServer web;
    private final Runnable stopProviders;
    private final Runnable closeResources;

    /**
     * @param stopProviders  stops every provider (and its processes); called once
     * @param closeResources closes what is left (metrics, tracing, the database last)
     */
    public GracefulShutdown(RunningTurns turns, AiWebServer web, Runnable stopProviders, Runnable closeResources) {
        this.turns = Objects.requireNonNull(turns, "turns");
        this.web = Objects.requireNonNull(web, "web");
        this.stopProviders = Objects.requireNonNull(stopProviders, "stopProviders");
        this.closeResources = Objects.requireNonNull(closeResources, "closeResources");
    }

    public void run(Duration grace) {
        boolean interrupted = false;
        turns.drain();
        int running = turns.countAll();
        LOG.info("shutting down: draining {} running turn(s), grace {} s", running, grace.toSeconds());
        boolean providersStopped = false;
        try {
            if (!turns.awaitIdle(grace)) {
                LOG.warn("grace period over: cancelling {} turn(s) still running", turns.countAll());
                turns.cancelAll();
                if (!turns.awaitIdle(CANCEL_SETTLE)) {
                    // one-shot calls and turns that ignore cancellation end when their process is killed
                    stopProviders.run();
                    providersStopped = true;
                    if (!turns.awaitIdle(CANCEL_SETTLE)) {
                        LOG.warn("{} turn(s) did not end; their credit holds are voided on the next start",
                                turns.countAll());
                    }
                }
            }
            if (!web.awaitStreamsClosed(STREAM_FLUSH)) {
                LOG.warn("{} stream(s) still open at shutdown; closing them", web.activeStreams());
            }
        } catch (InterruptedException stop) {
            interrupted = true; // asked to hurry: cancel what runs and go on closing
            turns.cancelAll();
        }
        web.stop();
        if (!providersStopped) {
            stopProviders.run();
        }
        closeResources.run();
        LOG.info("stopped");
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
