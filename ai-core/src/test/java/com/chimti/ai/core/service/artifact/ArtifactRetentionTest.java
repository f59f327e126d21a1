package com.chimti.ai.core.service.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.artifact.ArtifactId;
import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.testing.InMemoryArtifactRepository;
import com.chimti.ai.core.testing.InMemoryArtifactStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactRetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final TenantUser owner = new TenantUser(new ClientId("c1"), new UserId("u1"));
    private final InMemoryArtifactRepository artifacts = new InMemoryArtifactRepository();
    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private AiArtifact stored(Instant createdAt) {
        StorageKey key = store.write(owner, "x".getBytes());
        AiArtifact artifact = new AiArtifact(ArtifactId.newId(), owner.userId(), owner.clientId(), null, null,
                "summary", "t", key, "text/plain", 1, Map.of(), createdAt);
        artifacts.insert(artifact);
        return artifact;
    }

    @Test
    void deletesTheRecordsAndFilesOlderThanThePeriodInBatches() {
        for (int i = 0; i < 7; i++) {
            stored(NOW.minus(Duration.ofDays(31)).minusSeconds(i));
        }
        AiArtifact young = stored(NOW.minus(Duration.ofDays(29)));
        AiArtifact exactlyAtTheLimit = stored(NOW.minus(Duration.ofDays(30)));
        ArtifactRetention retention = new ArtifactRetention(artifacts, store, Duration.ofDays(30), clock, 3);

        assertThat(retention.sweep()).isEqualTo(7);

        assertThat(artifacts.all()).extracting(AiArtifact::id)
                .containsExactlyInAnyOrder(young.id(), exactlyAtTheLimit.id());
        assertThat(store.size()).isEqualTo(2);
        assertThat(retention.sweep()).isZero();
    }

    @Test
    void aShortPeriodExpiresWhatTheClockHasPassed() {
        AiArtifact artifact = stored(NOW.minusMillis(1500));
        new ArtifactRetention(artifacts, store, Duration.ofSeconds(2), clock, 100).sweep();
        assertThat(artifacts.findById(artifact.id())).isPresent();

        Clock later = Clock.offset(clock, Duration.ofSeconds(1));
        assertThat(new ArtifactRetention(artifacts, store, Duration.ofSeconds(2), later, 100).sweep()).isOne();
        assertThat(artifacts.findById(artifact.id())).isEmpty();
        assertThat(store.read(artifact.storageKey())).isEmpty();
    }

    @Test
    void aPeriodIsPositive() {
        assertThatThrownBy(() -> new ArtifactRetention(artifacts, store, Duration.ZERO, clock, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArtifactRetention(artifacts, store, Duration.ofDays(1), clock, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
