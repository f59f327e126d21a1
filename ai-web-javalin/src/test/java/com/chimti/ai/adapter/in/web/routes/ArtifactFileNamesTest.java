package com.chimti.ai.adapter.in.web.routes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The file name an artifact download is offered under (see {@code ArtifactRoutesTest} for the download itself). */
class ArtifactFileNamesTest {

    @Test
    void fileNamesKeepOnlySafeCharactersAndGetTheTypesExtension() {
        assertThat(ArtifactRoutes.fileName("Week 12 report", "text/markdown")).isEqualTo("Week 12 report.md");
        assertThat(ArtifactRoutes.fileName("data.csv", "text/csv")).isEqualTo("data.csv");
        assertThat(ArtifactRoutes.fileName("..", "application/pdf")).isEqualTo("artifact.pdf");
        assertThat(ArtifactRoutes.fileName("Łódź ☃", "image/png")).isEqualTo("d.png");
        assertThat(ArtifactRoutes.fileName("x".repeat(300), "text/plain")).hasSize(104);
        assertThat(ArtifactRoutes.fileName(null, "application/x-unknown")).isEqualTo("artifact.bin");
    }
}
