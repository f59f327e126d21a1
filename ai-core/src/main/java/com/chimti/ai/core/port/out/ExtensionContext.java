package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.action.ArtifactWriter;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What an {@link AiExtension}'s handlers and context sources may use: the core's database, for the extension's
 * own tables only (the core's tables are the core's, through its ports), the core's clock, and the
 * {@link ArtifactWriter} through which a handler saves a file for the caller under the core's limits.
 */
public record ExtensionContext(DataSource dataSource, Clock clock, ArtifactWriter artifacts) {
    public ExtensionContext {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(artifacts, "artifacts");
    }
}
