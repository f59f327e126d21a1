package com.chimti.ai.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.artifact.ArtifactId;
import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.out.ArtifactRepository;
import com.chimti.ai.core.port.out.ArtifactStore;
import com.chimti.ai.core.service.artifact.ArtifactRetention;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The background sweep: it runs on its own daemon thread, survives a failed sweep, and stops on close. */
class ArtifactRetentionSweeperTest {
    private final TenantUser owner = new TenantUser(new ClientId("c1"), new UserId("u1"));
    private final Map<StorageKey, Instant> records = new ConcurrentHashMap<>();
    private final Map<StorageKey, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    private final ArtifactRepository repository = new ArtifactRepository() {
        @Override
        public void insert(AiArtifact artifact) {
            records.put(artifact.storageKey(), artifact.createdAt());
        }

        @Override
        public Optional<AiArtifact> findById(ArtifactId id) {
            return Optional.empty();
        }

        @Override
        public List<AiArtifact> findByOwner(TenantUser o, com.chimti.ai.core.domain.chat.ChatId chatId,
                                            com.chimti.ai.core.domain.tenancy.BrandId brandId, int limit) {
            return List.of();
        }

        @Override
        public List<AiArtifact> findByBrand(ClientId clientId, com.chimti.ai.core.domain.tenancy.BrandId brandId,
                                            com.chimti.ai.core.domain.chat.ChatId chatId, int limit) {
            return List.of();
        }

        @Override
        public boolean delete(ArtifactId id) {
            return false;
        }

        @Override
        public List<StorageKey> deleteCreatedBefore(Instant cutoff, int limit) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("database gone (test)");
            }
            List<StorageKey> expired = records.entrySet().stream().filter(e -> e.getValue().isBefore(cutoff))
                    .map(Map.Entry::getKey).limit(limit).toList();
            expired.forEach(records::remove);
            return expired;
        }
    };

    private final ArtifactStore store = new ArtifactStore() {
        @Override
        public StorageKey write(TenantUser o, byte[] content) {
            StorageKey key = new StorageKey("k" + files.size());
            files.put(key, content);
            return key;
        }

        @Override
        public Optional<byte[]> read(StorageKey key) {
            return Optional.ofNullable(files.get(key));
        }

        @Override
        public void delete(StorageKey key) {
            files.remove(key);
        }

        @Override
        public void forget(TenantUser o) {
        }
    };

    private void written(Instant at) {
        StorageKey key = store.write(owner, new byte[] {1});
        records.put(key, at);
    }

    @Test
    void sweepsInTheBackgroundAfterAFailedSweepAndStopsOnClose() {
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            written(now.minus(Duration.ofDays(3)));
        }
        written(now.minus(Duration.ofHours(1)));
        failuresLeft.set(1); // the first sweep fails: the next one still runs
        ArtifactRetention retention = new ArtifactRetention(repository, store, Duration.ofDays(2), Clock.systemUTC(),
                2);

        try (ArtifactRetentionSweeper sweeper = ArtifactRetentionSweeper.start(retention, Duration.ZERO,
                Duration.ofMillis(50))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> records.size() == 1);
            assertThat(files).hasSize(1);
            assertThat(sweeperThreads()).isEqualTo(1);
        }
        assertThat(failuresLeft.get()).isNegative();
        await().atMost(Duration.ofSeconds(5)).until(() -> sweeperThreads() == 0);
    }

    private static long sweeperThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("ai-artifact-retention")).peek(t -> {
                    assertThat(t.isDaemon()).isTrue();
                }).count();
    }
}
