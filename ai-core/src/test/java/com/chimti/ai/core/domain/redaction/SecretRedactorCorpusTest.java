package com.chimti.ai.core.domain.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SecretRedactorCorpusTest {
    private static final SecretRedactor REDACTOR = SecretRedactor.standard();

    static List<SecretCorpus.Secret> secrets() {
        return SecretCorpus.secrets();
    }

    static List<String> benign() {
        return SecretCorpus.benign();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void everySecretIsReplacedByItsMarker(SecretCorpus.Secret secret) {
        Redaction redaction = REDACTOR.redact(secret.input());

        assertThat(redaction.text()).isEqualTo(secret.expectedOutput());
        assertThat(redaction.countsByKind()).containsExactly(Map.entry(secret.kind().id(), 1));
        assertThat(redaction.total()).isEqualTo(1);
        assertThat(redaction.text()).doesNotContain(secret.secret());
        String digitsOnly = secret.secret().replaceAll("[^0-9]", "");
        if (secret.kind() == SecretKind.CARD_NUMBER || secret.kind() == SecretKind.IBAN) {
            assertThat(redaction.text().replaceAll("[^0-9]", "")).doesNotContain(digitsOnly);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benign")
    void everyBenignLinePassesUnchanged(String line) {
        Redaction redaction = REDACTOR.redact(line);

        assertThat(redaction.text()).isEqualTo(line);
        assertThat(redaction.countsByKind()).isEmpty();
        assertThat(redaction.total()).isZero();
        assertThat(redaction.redacted()).isFalse();
    }

    @Test
    void theCorpusCoversEveryKindAndEnoughCases() {
        Set<SecretKind> kinds = secrets().stream().map(SecretCorpus.Secret::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SecretKind.class)));
        assertThat(kinds).containsExactlyInAnyOrder(SecretKind.values());
        assertThat(secrets()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(benign()).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void allSecretsOnOneLineAreEachCountedOnce() {
        List<SecretCorpus.Secret> secrets = secrets();
        String joined = secrets.stream().map(SecretCorpus.Secret::input).collect(Collectors.joining("\n~\n"));
        Map<String, Long> expected = secrets.stream()
                .collect(Collectors.groupingBy(s -> s.kind().id(), Collectors.counting()));

        Redaction redaction = REDACTOR.redact(joined);

        expected.forEach((kind, count) -> assertThat(redaction.count(kind)).as(kind).isEqualTo(count.intValue()));
        assertThat(redaction.total()).isEqualTo(secrets.size());
        for (SecretCorpus.Secret secret : secrets) {
            assertThat(redaction.text()).doesNotContain(secret.secret());
        }
    }

    @Test
    void benignLinesJoinedTogetherStayUnchanged() {
        String joined = String.join("\n", benign());

        Redaction redaction = REDACTOR.redact(joined);

        assertThat(redaction.text()).isEqualTo(joined);
        assertThat(redaction.total()).isZero();
    }
}
