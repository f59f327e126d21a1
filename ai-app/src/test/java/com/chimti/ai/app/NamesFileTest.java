package com.chimti.ai.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.context.BusinessDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesFileTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef-secret";

    @TempDir
    Path dir;

    @Test
    void withoutAFileTheContextShowsIdsOnly() {
        assertThat(NamesFile.load(null)).isEqualTo(BusinessDirectory.EMPTY);
    }

    @Test
    void aValidFileNamesClientsBrandsLocationsAndTeams() throws IOException {
        Path file = write("""
                {"clients":[{"id":"cliA","name":"Alpha Group"}],
                 "brands":[{"id":"brA1","clientId":"cliA","name":"Alpha Bakery"}],
                 "locations":[{"id":"locA1x","brandId":"brA1","name":"Soho"}],
                 "teams":[{"id":"tmA1","brandId":"brA1","name":"Bakers"}]}
                """);

        BusinessDirectory names = NamesFile.load(file);

        assertThat(names.clients()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("Alpha Group"));
        assertThat(names.brands()).singleElement().satisfies(b -> {
            assertThat(b.id().value()).isEqualTo("brA1");
            assertThat(b.clientId().value()).isEqualTo("cliA");
        });
        assertThat(names.locations()).singleElement().satisfies(l -> assertThat(l.brandId().value()).isEqualTo("brA1"));
        assertThat(names.teams()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("Bakers"));
    }

    @Test
    void listsMayBeLeftOut() throws IOException {
        assertThat(NamesFile.load(write("{\"clients\":[{\"id\":\"cliA\",\"name\":\"Alpha\"}]}")).brands()).isEmpty();
    }

    @Test
    void anUnknownFieldStopsStartup() throws IOException {
        Path file = write("""
                {"clients":[{"id":"cliA","name":"Alpha","secretNotes":"x"}]}
                """);
        assertThatThrownBy(() -> NamesFile.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AI_BUSINESS_CONTEXT_NAMES_FILE");
        Path topLevel = write("{\"clients\":[],\"users\":[]}");
        assertThatThrownBy(() -> NamesFile.load(topLevel)).isInstanceOf(ConfigException.class);
    }

    @Test
    void malformedJsonStopsStartup() throws IOException {
        assertThatThrownBy(() -> NamesFile.load(write("{\"clients\": ["))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AI_BUSINESS_CONTEXT_NAMES_FILE");
        assertThatThrownBy(() -> NamesFile.load(write(""))).isInstanceOf(ConfigException.class);
    }

    @Test
    void inconsistentRecordsStopStartup() throws IOException {
        // a brand of a client the file does not define, a duplicate id, a blank name, a bad id
        for (String content : new String[] {
                "{\"brands\":[{\"id\":\"brA1\",\"clientId\":\"cliZ\",\"name\":\"Alpha Bakery\"}]}",
                "{\"clients\":[{\"id\":\"cliA\",\"name\":\"A\"},{\"id\":\"cliA\",\"name\":\"B\"}]}",
                "{\"clients\":[{\"id\":\"cliA\",\"name\":\" \"}]}",
                "{\"clients\":[{\"id\":\"\",\"name\":\"A\"}]}",
                "{\"clients\":[{\"id\":\"cliA\",\"name\":\"A\"}],"
                        + "\"teams\":[{\"id\":\"tm\",\"brandId\":\"brA1\",\"name\":\"T\"}]}"}) {
            Path file = write(content);
            assertThatThrownBy(() -> NamesFile.load(file)).as(content).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("AI_BUSINESS_CONTEXT_NAMES_FILE");
        }
    }

    @Test
    void theEnvironmentNamesTheFileAndAMissingFileStopsStartup() throws IOException {
        Path file = write("{}");
        AppConfig config = AppConfig.fromEnvironment(Map.of("AI_AUTH_JWT_SECRET", SECRET,
                "AI_BUSINESS_CONTEXT_NAMES_FILE", file.toString()));
        assertThat(config.contextNamesFile()).isEqualTo(file);
        assertThat(AppConfig.fromEnvironment(Map.of("AI_AUTH_JWT_SECRET", SECRET)).contextNamesFile()).isNull();
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AI_AUTH_JWT_SECRET", SECRET,
                "AI_BUSINESS_CONTEXT_NAMES_FILE", dir.resolve("missing.json").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_BUSINESS_CONTEXT_NAMES_FILE");
    }

    private int files;

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("names-" + files++ + ".json"), content);
    }
}
