package com.chimti.ai.core.service.artifact;

import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.port.out.ArtifactRepository;
import com.chimti.ai.core.port.out.ArtifactStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The retention period of artifacts: a sweep deletes every artifact older than {@code retention}, a batch at a
 * time, each batch's records first and then their files (so nobody lists an artifact whose bytes are gone).
 * Several instances may sweep at once: the repository hands each record to one of them.
 */
public final class ArtifactRetention {
    private final ArtifactRepository artifacts;
    private final ArtifactStore store;
    private final Duration retention;
    private final Clock clock;
    private final int batchSize;

    public ArtifactRetention(ArtifactRepository artifacts, ArtifactStore store, Duration retention, Clock clock,
                             int batchSize) {
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.store = Objects.requireNonNull(store, "store");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("a retention period is positive");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.batchSize = batchSize;
    }

    public Duration retention() {
        return retention;
    }

    /**
     * Deletes what expired by now; the number of artifacts deleted. A file that cannot be deleted fails the sweep
     * once the batch's other files were tried (its record is gone; the file is left for the operator).
     */
    public int sweep() {
        Instant cutoff = clock.instant().minus(retention);
        int deleted = 0;
        while (true) {
            List<StorageKey> keys = artifacts.deleteCreatedBefore(cutoff, batchSize);
            deleted += keys.size();
            deleteFiles(keys);
            if (keys.size() < batchSize) {
                return deleted;
            }
        }
    }

    private void deleteFiles(List<StorageKey> keys) {
        RuntimeException failed = null;
        for (StorageKey key : keys) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
