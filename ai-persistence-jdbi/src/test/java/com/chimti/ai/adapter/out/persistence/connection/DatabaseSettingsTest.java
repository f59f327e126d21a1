package com.chimti.ai.adapter.out.persistence.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void toStringNeverShowsThePassword() {
        DatabaseSettings settings = DatabaseSettings.external(
                "jdbc:postgresql://db:5432/ai?user=app&password=hunter2", "app", "s3cret", 5);

        assertThat(settings.toString()).doesNotContain("s3cret").doesNotContain("hunter2").contains("****");
    }

    @Test
    void noUrlMeansEmbeddedAndNeedsADataDirectory() {
        assertThat(DatabaseSettings.embedded(Path.of("/data")).isEmbedded()).isTrue();
        assertThat(new DatabaseSettings(" ", null, null, Path.of("/data"), 2).isEmbedded()).isTrue();
        assertThatThrownBy(() -> new DatabaseSettings(null, null, null, null, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseSettings.external("jdbc:postgresql://db/ai", "u", null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
