package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.artifact.ArtifactId;
import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.ArtifactRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Reference behaviour of {@link ArtifactRepository}: newest first, ties by id descending. */
public final class InMemoryArtifactRepository implements ArtifactRepository {
    private static final Comparator<AiArtifact> NEWEST_FIRST = Comparator.comparing(AiArtifact::createdAt)
            .thenComparing(a -> a.id().value()).reversed();

    private final Map<ArtifactId, AiArtifact> rows = new ConcurrentHashMap<>();
    private volatile boolean failInserts;

    @Override
    public void insert(AiArtifact artifact) {
        if (failInserts) {
            throw new IllegalStateException("insert failed (test)");
        }
        if (rows.putIfAbsent(artifact.id(), artifact) != null) {
            throw new IllegalStateException("duplicate artifact id");
        }
    }

    @Override
    public Optional<AiArtifact> findById(ArtifactId id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public List<AiArtifact> findByOwner(TenantUser owner, ChatId chatId, BrandId brandId, int limit) {
        return select(a -> a.userId().equals(owner.userId()) && owner.clientId().equals(a.clientId())
                && (chatId == null || chatId.equals(a.chatId()))
                && (brandId == null || brandId.equals(a.brandId())), limit);
    }

    @Override
    public List<AiArtifact> findByBrand(ClientId clientId, BrandId brandId, ChatId chatId, int limit) {
        return select(a -> clientId.equals(a.clientId()) && brandId.equals(a.brandId())
                && (chatId == null || chatId.equals(a.chatId())), limit);
    }

    @Override
    public boolean delete(ArtifactId id) {
        return rows.remove(id) != null;
    }

    @Override
    public synchronized List<StorageKey> deleteCreatedBefore(Instant cutoff, int limit) {
        List<AiArtifact> expired = rows.values().stream().filter(a -> a.createdAt().isBefore(cutoff))
                .sorted(Comparator.comparing(AiArtifact::createdAt)).limit(limit).toList();
        expired.forEach(a -> rows.remove(a.id()));
        return expired.stream().map(AiArtifact::storageKey).toList();
    }

    /** Makes every later insert throw, to test that the bytes are cleaned up. */
    public void failInserts(boolean value) {
        this.failInserts = value;
    }

    public List<AiArtifact> all() {
        return rows.values().stream().sorted(NEWEST_FIRST).toList();
    }

    private List<AiArtifact> select(Predicate<AiArtifact> filter, int limit) {
        Objects.requireNonNull(filter);
        return rows.values().stream().filter(filter).sorted(NEWEST_FIRST).limit(limit).toList();
    }
}
