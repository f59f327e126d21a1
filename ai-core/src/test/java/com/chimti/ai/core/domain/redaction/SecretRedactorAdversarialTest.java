package com.chimti.ai.core.domain.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Long inputs shaped to make a backtracking pattern go quadratic or exponential, or to overflow the stack of a
 * recursive one. Each must complete well inside a generous bound; the measured time is printed.
 */
class SecretRedactorAdversarialTest {
    private static final int LENGTH = 200_000;
    private static final Duration BOUND = Duration.ofSeconds(2);
    private static final SecretRedactor REDACTOR = SecretRedactor.standard();

    @BeforeAll
    static void warmUp() {
        for (int i = 0; i < 200; i++) {
            REDACTOR.redact("Bearer " + i + "abcdefgh 4111111111111111 GB82WEST12345698765432 sk-x eyJx.y.z");
        }
    }

    static Stream<Arguments> adversarialInputs() {
        return Stream.of(
                input("200k 'A'", () -> "A".repeat(LENGTH)),
                input("200k digits", () -> "1".repeat(LENGTH)),
                input("200k '4' then Luhn-valid tail", () -> "4".repeat(LENGTH) + "111111111111111"),
                input("card-like groups '4111 '", () -> repeat("4111 ")),
                input("card-like groups '4111-'", () -> repeat("4111-")),
                input("single digits '1 '", () -> repeat("1 ")),
                input("digits and dashes '12-'", () -> repeat("12-")),
                input("200k spaces", () -> " ".repeat(LENGTH)),
                input("200k dashes", () -> "-".repeat(LENGTH)),
                input("200k newlines", () -> "\n".repeat(LENGTH)),
                input("'eyJ' repeated", () -> repeat("eyJ")),
                input("'eyJ' then 200k base64url", () -> "eyJ" + "a".repeat(LENGTH)),
                input("JWT-ish segments 'eyJabcdefgh.'", () -> repeat("eyJabcdefgh.")),
                input("dots and base64url 'a.'", () -> repeat("a.")),
                input("'sk-' repeated", () -> repeat("sk-")),
                input("'sk-' then 200k key chars", () -> "sk-" + "a-".repeat(LENGTH / 2)),
                input("'Bearer ' repeated", () -> repeat("Bearer ")),
                input("'Bearer' then 200k spaces then short", () -> "Bearer" + " ".repeat(LENGTH) + "of"),
                input("'AKIA' repeated", () -> repeat("AKIA")),
                input("'aws_secret_access_key=' repeated", () -> repeat("aws_secret_access_key=")),
                input("label then 200k key chars", () -> "aws_secret_access_key=" + "A/".repeat(LENGTH / 2)),
                input("BEGIN headers without END", () -> repeat("-----BEGIN PRIVATE KEY-----\n")),
                input("BEGIN then 200k dashes", () -> "-----BEGIN RSA PRIVATE KEY-----" + "-".repeat(LENGTH)),
                input("BEGIN then 200k base64 lines", () -> "-----BEGIN PRIVATE KEY-----\n"
                        + repeat("QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n")),
                input("BEGIN then '----' runs", () -> "-----BEGIN PRIVATE KEY-----" + repeat("----x")),
                input("'GB82 ' repeated", () -> repeat("GB82 ")),
                input("'GB82WEST' repeated", () -> repeat("GB82WEST")),
                input("'GB82' then 200k digits", () -> "GB82" + "1".repeat(LENGTH)),
                input("'DE89 3704 ' repeated", () -> repeat("DE89 3704 ")),
                input("random printable ASCII", SecretRedactorAdversarialTest::randomPrintable),
                input("random digits, spaces and dashes", () -> random("0123456789 -")),
                input("random base64url and dots", () -> random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")),
                input("many real secrets", SecretRedactorAdversarialTest::manySecrets));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adversarialInputs")
    void longAdversarialInputCompletesQuickly(String name, Supplier<String> make) {
        String text = make.get();

        long started = System.nanoTime();
        Redaction redaction = assertTimeoutPreemptively(BOUND, () -> REDACTOR.redact(text));
        long micros = (System.nanoTime() - started) / 1_000;

        System.out.printf("redact %-40s %,9d chars in %,8d us (%d redacted)%n",
                name, text.length(), micros, redaction.total());
        assertThat(redaction.text()).isNotNull();
    }

    private static Arguments input(String name, Supplier<String> make) {
        return Arguments.of(name, make);
    }

    private static String repeat(String unit) {
        return unit.repeat(Math.max(1, LENGTH / unit.length()));
    }

    private static String random(String alphabet) {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String randomPrintable() {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            text.append((char) (random.nextInt(95) + 32));
        }
        return text.toString();
    }

    private static String manySecrets() {
        StringBuilder text = new StringBuilder(LENGTH + 1_000);
        while (text.length() < LENGTH) {
            for (SecretCorpus.Secret secret : SecretCorpus.secrets()) {
                text.append(secret.input()).append("\n~\n");
            }
        }
        return text.toString();
    }
}
