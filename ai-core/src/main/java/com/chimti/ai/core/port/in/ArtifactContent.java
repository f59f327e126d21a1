package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.artifact.AiArtifact;
import java.util.Objects;

/** An artifact with its bytes, to be sent as a download. The array is the caller's; it is not copied. */
public record ArtifactContent(AiArtifact artifact, byte[] bytes) {
    public ArtifactContent {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(bytes, "bytes");
    }
}
