package com.chimti.ai.core.domain.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void totalsAndCountsByKind() {
        Redaction redaction = new Redaction("x", Map.of("jwt", 2, "iban", 1));

        assertThat(redaction.total()).isEqualTo(3);
        assertThat(redaction.count("jwt")).isEqualTo(2);
        assertThat(redaction.count(SecretKind.IBAN)).isEqualTo(1);
        assertThat(redaction.count(SecretKind.CARD_NUMBER)).isZero();
        assertThat(redaction.redacted()).isTrue();
        assertThat(Redaction.unchanged("x").redacted()).isFalse();
    }

    @Test
    void countsAreAnUnmodifiableCopy() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("jwt", 1);
        Redaction redaction = new Redaction("x", counts);
        counts.put("iban", 1);

        assertThat(redaction.countsByKind()).containsOnlyKeys("jwt");
        assertThatThrownBy(() -> redaction.countsByKind().put("iban", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesNullsAndNegativeCounts() {
        assertThatThrownBy(() -> new Redaction(null, Map.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Redaction("x", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Redaction("x", Map.of("jwt", -1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kindsHaveStableIdsAndMarkers() {
        assertThat(SecretKind.CARD_NUMBER.id()).isEqualTo("card_number");
        assertThat(SecretKind.CARD_NUMBER.marker()).isEqualTo("[REDACTED:card_number]");
        assertThat(SecretKind.fromId("bearer_token")).isEqualTo(SecretKind.BEARER_TOKEN);
        assertThatThrownBy(() -> SecretKind.fromId("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
