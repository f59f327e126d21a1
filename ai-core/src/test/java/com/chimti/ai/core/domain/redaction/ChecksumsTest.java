package com.chimti.ai.core.domain.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumsTest {

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "378282246310005", "79927398713"})
    void luhnAcceptsValidNumbers(String number) {
        assertThat(Checksums.luhn(number, 0, number.length())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "1234567890123456", "79927398710", ""})
    void luhnRejectsInvalidNumbers(String number) {
        assertThat(Checksums.luhn(number, 0, number.length())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GB82WEST12345698765432", "DE89370400440532013000", "NO9386011117947"})
    void mod97AcceptsValidIbans(String iban) {
        assertThat(Checksums.ibanMod97(iban)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GB83WEST12345698765432", "DE89370400440532013001", "gb82west12345698765432", "GB8"})
    void mod97RejectsInvalidIbans(String iban) {
        assertThat(Checksums.ibanMod97(iban)).isFalse();
    }

    @Test
    void everyRegisteredIbanLengthIsPlausible() {
        assertThat(Detectors.IBAN_LENGTHS.values()).allSatisfy(length -> assertThat(length).isBetween(15, 34));
    }
}
