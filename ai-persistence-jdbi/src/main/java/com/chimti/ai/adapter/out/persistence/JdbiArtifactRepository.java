package com.chimti.ai.adapter.out.persistence;

import com.chimti.ai.core.domain.AiArtifact;
import com.chimti.ai.core.domain.ArtifactId;
import com.chimti.ai.core.domain.UserId;
import com.chimti.ai.core.port.out.ArtifactRepository;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link #findByUser} lists newest first. */
final class JdbiArtifactRepository implements ArtifactRepository {
    private final ArtifactDao dao;

    JdbiArtifactRepository(Jdbi jdbi) {
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
    public List<AiArtifact> findByUser(UserId userId) {
        return dao.findByUser(userId.value()).stream().map(ArtifactRow::toDomain).toList();
    }
}
