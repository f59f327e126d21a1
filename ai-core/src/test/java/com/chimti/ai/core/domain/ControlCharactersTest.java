package com.chimti.ai.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.chat.MessageId;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.turn.CompletionResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ControlCharactersTest {
    @Test
    void everyC0ControlButTabNewlineAndCarriageReturnIsRefused() {
        for (char c = 0; c < 0x20; c++) {
            boolean allowed = c == '\t' || c == '\n' || c == '\r';
            assertThat(ControlCharacters.isRefused(c)).as("U+%04X", (int) c).isEqualTo(!allowed);
        }
        assertThat(ControlCharacters.isRefused(' ')).isFalse();
        assertThat(ControlCharacters.isRefused('é')).isFalse();
        assertThat(ControlCharacters.contains(null)).isFalse();
    }

    @Test
    void stripKeepsEverythingElse() {
        String clean = "line 1\r\n\tline 2 é 😀";
        assertThat(ControlCharacters.strip(clean)).isSameAs(clean);
        assertThat(ControlCharacters.strip("a\u0000b\u001bc\u0007")).isEqualTo("abc");
        assertThat(ControlCharacters.strip(null)).isNull();
    }

    @Test
    void modelOutputLosesControlsWhereItBecomesAValue() {
        CompletionResult result = new CompletionResult("an\u0000swer", TokenUsage.NONE, "m", TurnOutcome.COMPLETED);
        assertThat(result.text()).isEqualTo("answer");
        AiMessage message = new AiMessage(MessageId.newId(), ChatId.newId(), MessageRole.ASSISTANT, "x\u0000y",
                null, null, null, Instant.now());
        assertThat(message.content()).isEqualTo("xy");
    }

    @Test
    void aTitleOfControlsOnlyIsBlank() {
        assertThat(AiChat.checkTitle(" a\u0000b ")).isEqualTo("ab");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AiChat.checkTitle("\u0000\u0001"))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void instantsOutsideTheYears1To9999AreRefused() {
        assertThat(InstantRange.require(Instant.parse("2026-01-01T00:00:00Z"), "from")).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InstantRange.require(
                Instant.parse("+10000-01-01T00:00:00Z"), "from")).isInstanceOf(ValidationException.class)
                .hasMessage("from must lie between the years 1 and 9999");
    }
}
