package com.chimti.ai.core.domain.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CardIssuersTest {
    private static boolean known(String number) {
        return CardIssuers.known(number, 0, number.length());
    }

    @Test
    void schemeTestNumbersHaveAKnownIssuerAndLength() {
        for (String card : List.of("4111111111111111", "4222222222222", "5555555555554444", "2221000000000009",
                "378282246310005", "30569309025904", "3530111333300000", "6011000000000000001", "6759649826438453",
                "6200000000000005", "2200000000000004")) {
            assertThat(known(card)).as(card).isTrue();
        }
    }

    @Test
    void aWrongPrefixOrALengthTheIssuerDoesNotUseIsNoCard() {
        for (String number : List.of("2026112300045126", "1000000000043214", "7000123456789010", "9000000012345675",
                "8123456789012340", "411111111111111", "41111111111111111", "37828224631000", "5555555555554444000",
                "2720999999999999999", "0411111111111111")) {
            assertThat(known(number)).as(number).isFalse();
        }
    }

    @Test
    void separatorsAreSkipped() {
        assertThat(CardIssuers.known("4111 1111-1111 1111", 0, 19)).isTrue();
    }

    /** The bar: at most 1% false positives on the benign corpus, every card of the true corpus found. */
    @Test
    void falsePositiveRateAndRecallOnTheCorpus() {
        SecretRedactor redactor = SecretRedactor.standard();
        List<String> benign = SecretCorpus.benign();
        long falsePositives = benign.stream().filter(line -> redactor.redact(line).redacted()).count();
        List<SecretCorpus.Secret> cards = SecretCorpus.secrets().stream()
                .filter(secret -> secret.kind() == SecretKind.CARD_NUMBER).toList();
        long found = cards.stream().filter(card -> redactor.redact(card.input()).count("card_number") == 1).count();
        System.out.printf("card detection: %d of %d benign lines redacted (%.2f%%), %d of %d cards found%n",
                falsePositives, benign.size(), 100.0 * falsePositives / benign.size(), found, cards.size());
        assertThat(falsePositives * 100).isLessThanOrEqualTo(benign.size());
        assertThat(found).isEqualTo(cards.size());
        assertThat(benign.stream().filter(line -> line.toLowerCase().contains("order"))).hasSizeGreaterThan(10);
    }
}
