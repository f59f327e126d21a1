package com.chimti.ai.app.lifecycle;

import com.chimti.ai.core.service.artifact.ArtifactRetention;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the artifact retention sweep ({@code AI_ARTIFACT_RETENTION_DAYS}) in the background: one daemon thread,
 * a first sweep shortly after start, then one every {@code every}. A failed sweep is logged and the next one
 * tries again. Started once the injector is built (standalone server and embedded core alike), stopped before
 * the database closes. Every instance sweeps; the repository hands each expired artifact to one of them.
 */
public final class ArtifactRetentionSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArtifactRetentionSweeper.class);
    /** How often a server sweeps: days-long periods need no finer grain. */
    public static final Duration EVERY = Duration.ofHours(1);
    /** The first sweep waits this long, so a start is not slowed by it. */
    public static final Duration FIRST_AFTER = Duration.ofSeconds(30);

    private final ArtifactRetention retention;
    private final ScheduledExecutorService timer;

    private ArtifactRetentionSweeper(ArtifactRetention retention) {
        this.retention = retention;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ai-artifact-retention");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sweeps first after {@code firstAfter}, then every {@code every}. */
    public static ArtifactRetentionSweeper start(ArtifactRetention retention, Duration firstAfter, Duration every) {
        ArtifactRetentionSweeper sweeper = new ArtifactRetentionSweeper(Objects.requireNonNull(retention));
        sweeper.timer.scheduleWithFixedDelay(sweeper::sweepOnce, firstAfter.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("artifacts are deleted {} days after they were written", retention.retention().toDays());
        return sweeper;
    }

    /** One sweep; never throws (the timer would stop). */
    void sweepOnce() {
        try {
            int deleted = retention.sweep();
            if (deleted > 0) {
                LOG.info("retention: deleted {} expired artifact(s)", deleted);
            }
        } catch (RuntimeException failed) {
            LOG.warn("retention: the artifact sweep failed ({}); the next one tries again",
                    failed.getClass().getSimpleName());
        }
    }

    /** Stops sweeping; waits briefly for a sweep under way (it runs on the database closed next). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("retention: a sweep was still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
