package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.AiArtifact;
import com.chimti.ai.core.domain.ArtifactId;
import com.chimti.ai.core.domain.UserId;
import java.util.List;
import java.util.Optional;

public interface ArtifactRepository {

    void insert(AiArtifact artifact);

    Optional<AiArtifact> findById(ArtifactId id);

    List<AiArtifact> findByUser(UserId userId);
}
