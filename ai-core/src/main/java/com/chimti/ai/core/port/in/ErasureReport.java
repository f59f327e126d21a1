package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.erasure.ErasedRows;
import java.util.Objects;

/**
 * What one erasure removed: the database rows (counted), how many artifact files went after the commit, and
 * how many providers forgot the user (their processes stopped, profile and workspace deleted). A second erasure
 * of the same user reports zeros.
 */
public record ErasureReport(ErasedRows rows, int artifactFiles, int providers) {
    public ErasureReport {
        Objects.requireNonNull(rows, "rows");
    }
}
