package com.chimti.ai.core.service;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.domain.AiContext;
import com.chimti.ai.core.domain.Caller;
import org.junit.jupiter.api.Test;

class CallerContextBuilderTest {

    @Test
    void listsOnlyTheCallersOwnScope() {
        Caller caller = aCaller().client("c1").brands("b1", "b2").locations("l1").build();
        AiContext context = new CallerContextBuilder(2000).build(caller, null);

        assertThat(context.text()).contains("c1", "b1", "b2", "l1", "BRAND_ADMIN").doesNotContain("b3");
    }

    @Test
    void neverExceedsItsBudgetAndAlwaysKeepsTheAskDontGuessRule() {
        String[] many = new String[300];
        for (int i = 0; i < many.length; i++) {
            many[i] = "brand-with-a-long-name-" + i;
        }
        Caller caller = aCaller().brands(many).build();
        int budget = 500;
        AiContext context = new CallerContextBuilder(budget).build(caller, null);

        assertThat(context.text().length()).isLessThanOrEqualTo(budget);
        assertThat(context.text()).endsWith(CallerContextBuilder.ASK_DONT_GUESS);
    }
}
