package com.chimti.ai.adapter.out.codex.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.turn.CodexFaults.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The CLI's texts as measured on 0.169.0 (exec JSONL and app-server error notifications). */
class CodexFaultsTest {

    @Test
    void mapsTheCliTextsAndNeverReadsAPortAsAStatus() {
        assertThat(CodexFaults.kind(null, 0, "Reconnecting... 1/5 (unexpected status 401 Unauthorized: Incorrect "
                + "API key provided., url: http://127.0.0.1:35221/v1/responses)")).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(CodexFaults.kind(null, 0, "You’ve hit your usage limit. Upgrade to Pro "
                + "(https://chatgpt.com/explore/pro) or try again later.")).isEqualTo(Kind.RATE_LIMITED);
        assertThat(CodexFaults.kind(null, 0, "Reconnecting... waiting for network (url: http://127.0.0.1:42901/v1"
                + "/responses)")).isEqualTo(Kind.OTHER);
        assertThat(CodexFaults.kind(null, 0, "stream error, url: http://10.0.0.1:4010/v1")).isEqualTo(Kind.OTHER);
        assertThat(CodexFaults.kind("usageLimitExceeded", 0, "")).isEqualTo(Kind.RATE_LIMITED);
        assertThat(CodexFaults.kind(null, 401, "Reconnecting... 1/5")).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(CodexFaults.kind(null, 0, "Model metadata for `gpt-5` not found.")).isEqualTo(Kind.OTHER);
    }

    @Test
    void readsWhenTheLimitResets() {
        assertThat(CodexFaults.retryAfter("... or try again in 59 minutes.")).isEqualTo(Duration.ofMinutes(59));
        assertThat(CodexFaults.retryAfter("resets in 2 hours")).isEqualTo(Duration.ofHours(2));
        assertThat(CodexFaults.retryAfter("try again later.")).isEqualTo(CodexFaults.DEFAULT_RETRY_AFTER);
    }
}
