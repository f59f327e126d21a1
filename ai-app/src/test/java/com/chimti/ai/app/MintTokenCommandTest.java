package com.chimti.ai.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.JwtCallerAuthenticator;
import com.chimti.ai.adapter.in.web.auth.JwtSettings;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MintTokenCommandTest {
    private static final String SECRET = "mint-token-test-secret-0123456789abcdef";

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void mintsATokenTheServerAcceptsWithTheGivenClaims() {
        int exit = MintTokenCommand.run(List.of("--sub", "u7", "--client", "c7", "--brands", "b1,b2", "--roles",
                "STORE", "--ai-access"), Map.of("AI_AUTH_JWT_SECRET", SECRET, "AI_DATA_DIR", dataDir.toString()),
                print(out), print(err));

        assertThat(exit).isZero();
        Caller caller = new JwtCallerAuthenticator(JwtSettings.hs256(SECRET)).authenticate(text(out).strip());
        assertThat(caller.userId().value()).isEqualTo("u7");
        assertThat(caller.clientId().value()).isEqualTo("c7");
        assertThat(caller.brandIds()).containsExactlyInAnyOrder(new BrandId("b1"), new BrandId("b2"));
        assertThat(caller.roles()).containsExactly(Role.STORE);
        assertThat(caller.aiAccess()).isTrue();
    }

    @Test
    void withoutASecretItUsesTheDevelopmentSecretUnderTheDataDir() {
        Map<String, String> env = Map.of("AI_DATA_DIR", dataDir.toString());
        assertThat(MintTokenCommand.run(List.of(), env, print(out), print(err))).isZero();

        String devSecret = new LocalSecrets(dataDir.toAbsolutePath()).getOrCreate(Secrets.DEV_JWT_SECRET);
        Caller caller = new JwtCallerAuthenticator(JwtSettings.hs256(devSecret)).authenticate(text(out).strip());
        assertThat(caller.isBrandAdmin()).isTrue();
    }

    @Test
    void unknownOptionsAreRefused() {
        int exit = MintTokenCommand.run(List.of("--admin"), Map.of("AI_DATA_DIR", dataDir.toString()), print(out),
                print(err));
        assertThat(exit).isEqualTo(2);
        assertThat(text(err)).contains("--admin");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void helpPrintsTheUsageAndMintsNothing() {
        for (String flag : List.of("--help", "-h")) {
            out.reset();
            int exit = MintTokenCommand.run(List.of("--sub", "u1", flag), Map.of("AI_DATA_DIR", dataDir.toString()),
                    print(out), print(err));
            assertThat(exit).isZero();
            assertThat(text(out)).startsWith("usage: java -jar chimti-ai-server.jar mint-token")
                    .contains("--sub", "--client", "--ttl-seconds").doesNotContain("needs a value");
            assertThat(text(out)).doesNotContain("eyJ"); // no token
        }
        assertThat(text(err)).isEmpty();
        assertThat(dataDir.resolve("secrets")).doesNotExist();
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
