package com.chimti.ai.core.domain.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContextRecordTest {
    private static final BrandId BRAND = new BrandId("b1");
    private static final LocationId LOCATION = new LocationId("l1");

    @Test
    void aRecordNeedsABrandOrALocation() {
        assertThatThrownBy(() -> new ContextRecord("open orders", null, null, "order 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ContextRecord("open orders", BRAND, null, "order 1").brandId()).isEqualTo(BRAND);
        assertThat(new ContextRecord("open orders", null, LOCATION, "order 1").locationId()).isEqualTo(LOCATION);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " open", "Open orders", "1 orders", "orders:", "orders\n", "brands (2)",
            "a123456789012345678901234567890123456789x"})
    void aKindOutsideItsPatternIsRefused(String kind) {
        assertThatThrownBy(() -> new ContextRecord(kind, BRAND, LOCATION, "order 1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "open orders", "staff_on-shift 2", "a12345678901234567890123456789012345678x"})
    void aKindInsideItsPatternIsKeptAsGiven(String kind) {
        assertThat(new ContextRecord(kind, BRAND, null, "x").kind()).isEqualTo(kind);
    }

    @Test
    void textIsRequiredAndNotBlank() {
        assertThatThrownBy(() -> new ContextRecord("orders", BRAND, null, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ContextRecord("orders", BRAND, null, " \n\t\u2028\u200b "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textIsCleanedToOneLine() {
        String text = "  order 1042\nbrands (3):\r\n- [x]\u2028next\u2029para\u0085nel\u000bvt"
                + "\u202eoverride\u0000nul\t\ttab  ";

        ContextRecord record = new ContextRecord("orders", BRAND, null, text);

        assertThat(record.text()).isEqualTo("order 1042 brands (3): - [x] next para nel vt override nul tab");
    }

    @Test
    void aLongTextIsCutWithAMarker() {
        ContextRecord exact = new ContextRecord("orders", BRAND, null, "x".repeat(ContextRecord.MAX_TEXT_LENGTH));
        ContextRecord longer = new ContextRecord("orders", BRAND, null, "y".repeat(5000));

        assertThat(exact.text()).hasSize(ContextRecord.MAX_TEXT_LENGTH).doesNotContain("…");
        assertThat(longer.text()).hasSize(ContextRecord.MAX_TEXT_LENGTH).endsWith("y…");
    }

    @ParameterizedTest
    @ValueSource(strings = {"z", "zz"})
    void theCutNeverSplitsACharacter(String prefix) {
        String emoji = "\uD83D\uDE00"; // one character, two chars: either prefix puts the cut on one of them
        ContextRecord record = new ContextRecord("orders", BRAND, null, prefix + emoji.repeat(150));

        assertThat(record.text()).endsWith(emoji + "…").hasSizeLessThanOrEqualTo(ContextRecord.MAX_TEXT_LENGTH);
        String withoutEmoji = record.text().replace(emoji, "");
        assertThat(withoutEmoji.chars().filter(c -> Character.isSurrogate((char) c))).isEmpty();
    }
}
