package com.chimti.ai.core.domain.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {
    private static final SecretRedactor REDACTOR = SecretRedactor.standard();

    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    @Test
    void aMixedParagraphGivesTheRightCountsPerKind() {
        String paragraph = """
                Hi support, my deploy fails. Config:
                AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
                aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
                OPENAI_API_KEY=sk-proj-Xq3v9KfZ2mLrT8wBn4YcHd7JpE1sGa6U
                curl -H "Authorization: Bearer %s" https://api.example.com/v1/orders/ORD-2026-000123
                the webhook sends Authorization: Bearer 8f2b1c9e7d3a4f60b5e2c1d0a9f8e7d6
                Refund 4111 1111 1111 1111 and 5555-5555-5555-4444 to DE89 3704 0044 0532 0130 00
                (or GB82WEST12345698765432).
                Build 1.2.3 at 2026-11-23T19:08:48Z, commit 9fceb02, order 1234567890123456, +44 20 7946 0958.
                -----BEGIN EC PRIVATE KEY-----
                MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oCfnZ5a9wGWHoAoGCCqGSM49
                AwEHoUQDQgAE8xOUetsCa8EfOlDEBAfREhJqspDoyEh6Szz2in47Tv5n52m9dLYy
                -----END EC PRIVATE KEY-----
                Thanks, the Bearer of bad news
                """.formatted(JWT);

        Redaction redaction = REDACTOR.redact(paragraph);

        assertThat(redaction.text()).isEqualTo("""
                Hi support, my deploy fails. Config:
                AWS_ACCESS_KEY_ID=[REDACTED:aws_key]
                aws_secret_access_key = [REDACTED:aws_key]
                OPENAI_API_KEY=[REDACTED:openai_key]
                curl -H "Authorization: Bearer [REDACTED:jwt]" https://api.example.com/v1/orders/ORD-2026-000123
                the webhook sends Authorization: Bearer [REDACTED:bearer_token]
                Refund [REDACTED:card_number] and [REDACTED:card_number] to [REDACTED:iban]
                (or [REDACTED:iban]).
                Build 1.2.3 at 2026-11-23T19:08:48Z, commit 9fceb02, order 1234567890123456, +44 20 7946 0958.
                [REDACTED:private_key]
                Thanks, the Bearer of bad news
                """);
        assertThat(redaction.countsByKind()).containsExactly(
                entry("private_key", 1), entry("jwt", 1), entry("openai_key", 1), entry("aws_key", 2),
                entry("bearer_token", 1), entry("iban", 2), entry("card_number", 2));
        assertThat(redaction.total()).isEqualTo(10);
    }

    @Test
    void aJwtInABearerHeaderCountsOnceAsJwtAndKeepsTheWordBearer() {
        Redaction redaction = REDACTOR.redact("Authorization: Bearer " + JWT);

        assertThat(redaction.text()).isEqualTo("Authorization: Bearer [REDACTED:jwt]");
        assertThat(redaction.countsByKind()).containsExactly(entry("jwt", 1));
    }

    @Test
    void otherKnownKeysInABearerHeaderCountOnceUnderTheirOwnKind() {
        assertThat(REDACTOR.redact("Bearer sk-proj-Xq3v9KfZ2mLrT8wBn4YcHd7JpE1sGa6U").countsByKind())
                .containsExactly(entry("openai_key", 1));
        assertThat(REDACTOR.redact("Bearer AKIAIOSFODNN7EXAMPLE").countsByKind())
                .containsExactly(entry("aws_key", 1));
    }

    @Test
    void anOpaqueBearerTokenIsReplacedAndTheWordKept() {
        Redaction redaction = REDACTOR.redact("Authorization: Bearer 8f2b1c9e7d3a4f60b5e2c1d0a9f8e7d6\r\nHost: x");

        assertThat(redaction.text()).isEqualTo("Authorization: Bearer [REDACTED:bearer_token]\r\nHost: x");
        assertThat(redaction.count(SecretKind.BEARER_TOKEN)).isEqualTo(1);
    }

    @Test
    void ibansAreNotAlsoCountedAsCards() {
        Redaction redaction = REDACTOR.redact("DE89 3704 0044 0532 0130 00 and 4111111111111111");

        assertThat(redaction.text()).isEqualTo("[REDACTED:iban] and [REDACTED:card_number]");
        assertThat(redaction.countsByKind()).containsExactly(entry("iban", 1), entry("card_number", 1));
    }

    @Test
    void privateKeyBodiesAreNotAlsoCountedAsOtherKinds() {
        String key = "-----BEGIN PRIVATE KEY-----\nAKIAIOSFODNN7EXAMPLE\n4111111111111111\n" + JWT
                + "\n-----END PRIVATE KEY-----";

        assertThat(REDACTOR.redact(key).countsByKind()).containsExactly(entry("private_key", 1));
    }

    @Test
    void twoKeyBlocksInARowAreTwoSecrets() {
        String block = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
                + "-----END OPENSSH PRIVATE KEY-----";

        Redaction redaction = REDACTOR.redact(block + "\n" + block);

        assertThat(redaction.text()).isEqualTo("[REDACTED:private_key]\n[REDACTED:private_key]");
        assertThat(redaction.count(SecretKind.PRIVATE_KEY)).isEqualTo(2);
    }

    @Test
    void aCardInsideALongerDigitRunIsNotACard() {
        assertThat(REDACTOR.redact("41111111111111111111").total()).isZero();
        assertThat(REDACTOR.redact("94111111111111111100000").total()).isZero();
        assertThat(REDACTOR.redact("x4111111111111111").total()).isZero();
        assertThat(REDACTOR.redact("4111111111111111x").total()).isZero();
        assertThat(REDACTOR.redact("12.4111111111111111").total()).isZero();
    }

    @Test
    void groupedCardsMayMixOnlyOneSeparatorStyle() {
        assertThat(REDACTOR.redact("4111 1111-1111 1111").total()).isZero();
        assertThat(REDACTOR.redact("4111  1111  1111  1111").total()).isZero();
        assertThat(REDACTOR.redact("4111 1111 1111 1111").text()).isEqualTo("[REDACTED:card_number]");
    }

    @Test
    void severalSecretsOfTheSameKindAreCountedSeparately() {
        Redaction redaction = REDACTOR.redact("4111111111111111, 5555555555554444; 378282246310005");

        assertThat(redaction.text())
                .isEqualTo("[REDACTED:card_number], [REDACTED:card_number]; [REDACTED:card_number]");
        assertThat(redaction.countsByKind()).containsExactly(entry("card_number", 3));
    }

    @Test
    void redactingRedactedTextChangesNothing() {
        String once = REDACTOR.redact("key AKIAIOSFODNN7EXAMPLE card 4111111111111111 Bearer " + JWT).text();

        Redaction twice = REDACTOR.redact(once);

        assertThat(twice.text()).isEqualTo(once);
        assertThat(twice.total()).isZero();
    }

    @Test
    void markersAreNeverMatchedAgain() {
        for (SecretKind kind : SecretKind.values()) {
            String text = "Authorization: Bearer " + kind.marker() + " IBAN " + kind.marker() + " aws_secret_access_key="
                    + kind.marker();

            assertThat(REDACTOR.redact(text).total()).as(kind.id()).isZero();
        }
    }

    @Test
    void unchangedTextIsReturnedAsIs() {
        String text = "nothing to see here";

        assertThat(REDACTOR.redact(text).text()).isSameAs(text);
        assertThat(REDACTOR.redact("").text()).isEmpty();
        assertThat(REDACTOR.redact("").countsByKind()).isEmpty();
    }

    @Test
    void nullTextIsRefused() {
        assertThatThrownBy(() -> REDACTOR.redact(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void standardIsASharedInstance() {
        assertThat(SecretRedactor.standard()).isSameAs(SecretRedactor.standard());
    }

    @Test
    void oneInstanceIsSafeToShareBetweenThreads() throws Exception {
        List<String> inputs = SecretCorpus.secrets().stream().map(SecretCorpus.Secret::input)
                .collect(Collectors.toList());
        inputs.addAll(SecretCorpus.benign());
        List<Redaction> expected = inputs.stream().map(REDACTOR::redact).collect(Collectors.toList());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = IntStream.range(0, 32).mapToObj(run -> pool.submit(() -> {
                for (int i = 0; i < inputs.size(); i++) {
                    if (!REDACTOR.redact(inputs.get(i)).equals(expected.get(i))) {
                        return false;
                    }
                }
                return true;
            })).collect(Collectors.toList());
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
