package com.chimti.ai.core.domain;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.CappedText;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.PageCursor;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.domain.turn.CancellationSignal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    @Test
    void idsRefuseBlankOverlongAndControlCharacters() {
        assertThatThrownBy(() -> new ChatId(" ")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new ChatId("x".repeat(129))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new UserId("a\nb")).isInstanceOf(ValidationException.class);
        assertThat(new UserId("user-42").value()).isEqualTo("user-42");
    }

    @Test
    void newIdsAreUniqueAndSortByCreationTime() throws InterruptedException {
        String first = ChatId.newId().value();
        Thread.sleep(2);
        String second = ChatId.newId().value();
        assertThat(first).isNotEqualTo(second);
        assertThat(first.compareTo(second)).isNegative();
    }

    @Test
    void scopeChecksRefuseForeignBrandsAndLocations() {
        Caller caller = aCaller().brands("b1").locations("l1").build();
        assertThatCode(() -> caller.requireBrand(new BrandId("b1"))).doesNotThrowAnyException();
        assertThatCode(() -> caller.requireBrand(null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> caller.requireBrand(new BrandId("b9"))).isInstanceOf(OutOfScopeException.class);
        assertThatThrownBy(() -> caller.requireLocation(new LocationId("l9")))
                .isInstanceOf(OutOfScopeException.class);
    }

    @Test
    void unknownRolesAreIgnored() {
        assertThat(Role.parse("brand_admin")).contains(Role.BRAND_ADMIN);
        assertThat(Role.parse("ASTRONAUT")).isEmpty();
    }

    @Test
    void cursorsRoundTripAndRefuseGarbage() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-01-02T03:04:05.123456Z"), "abc");
        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(PageCursor.decode(null)).isNull();
        assertThatThrownBy(() -> PageCursor.decode("%%%")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> PageCursor.decode("bm90LWEtY3Vyc29y")).isInstanceOf(ValidationException.class);
    }

    @Test
    void cappedTextMarksWhatWasCut() {
        CappedText fits = CappedText.cap("short", 10);
        assertThat(fits.truncated()).isFalse();
        assertThat(fits.text()).isEqualTo("short");

        CappedText cut = CappedText.cap("x".repeat(25), 10);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.text()).startsWith("x".repeat(10)).endsWith("[truncated 15 chars]");
    }

    @Test
    void emailsAreMasked() {
        assertThat(EmailMask.mask("alice@example.com")).isEqualTo("a***@example.com");
        assertThat(EmailMask.mask(null)).isNull();
    }

    @Test
    void secretsNeverPrintTheirValue() {
        assertThat(new Secret("sk-very-secret").toString()).doesNotContain("very");
    }

    @Test
    void chatTitlesAreTrimmedAndCapped() {
        assertThat(AiChat.checkTitle("  Hi  ")).isEqualTo("Hi");
        assertThatThrownBy(() -> AiChat.checkTitle(" ")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> AiChat.checkTitle("t".repeat(201))).isInstanceOf(ValidationException.class);
    }

    @Test
    void aLateCancelListenerStillRuns() {
        CancellationSignal signal = new CancellationSignal();
        signal.cancel();
        boolean[] ran = {false};
        signal.onCancel(() -> ran[0] = true);
        assertThat(ran[0]).isTrue();
    }
}
