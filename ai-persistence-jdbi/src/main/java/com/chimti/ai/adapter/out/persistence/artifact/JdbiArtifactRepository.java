package com.chimti.ai.adapter.out.persistence.artifact;

import com.chimti.ai.adapter.out.persistence.sql.Rows;
import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.artifact.ArtifactId;
import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.ArtifactRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Lists newest first (created_at, then id), served by the owner and client/brand indexes. */
public final class JdbiArtifactRepository implements ArtifactRepository {
    private final ArtifactDao dao;

    public JdbiArtifactRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(ArtifactDao.class);
    }

    @Override
    public void insert(AiArtifact artifact) {
        dao.insert(Rows.bindings(ArtifactRow.of(artifact)));
    }

    @Override
    public Optional<AiArtifact> findById(ArtifactId id) {
        return dao.findById(id.value()).map(ArtifactRow::toDomain);
    }

    @Override
    public List<AiArtifact> findByOwner(TenantUser owner, ChatId chatId, BrandId brandId, int limit) {
        return dao.findByOwner(owner.clientId().value(), owner.userId().value(), value(chatId), value(brandId),
                        limit).stream()
                .map(ArtifactRow::toDomain).toList();
    }

    @Override
    public List<AiArtifact> findByBrand(ClientId clientId, BrandId brandId, ChatId chatId, int limit) {
        return dao.findByBrand(clientId.value(), brandId.value(), value(chatId), limit).stream()
                .map(ArtifactRow::toDomain).toList();
    }

    @Override
    public boolean delete(ArtifactId id) {
        return dao.delete(id.value()) > 0;
    }

    @Override
    public List<StorageKey> deleteCreatedBefore(Instant cutoff, int limit) {
        return dao.deleteCreatedBefore(cutoff, limit).stream().map(StorageKey::new).toList();
    }

    private static String value(Object id) {
        return id == null ? null : id.toString();
    }
}
