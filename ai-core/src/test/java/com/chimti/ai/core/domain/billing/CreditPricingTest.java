package com.chimti.ai.core.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.provider.TokenUsage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreditPricingTest {
    private final CreditPricing pricing = new CreditPricing(new CreditPricing.Rates(10, 30),
            Map.of("big", new CreditPricing.Rates(100, 300)), 2);

    @Test
    void roundsEveryPartUpAndAddsTheBase() {
        assertThat(pricing.cost("x", TokenUsage.NONE)).isEqualTo(2);
        assertThat(pricing.cost("x", new TokenUsage(1, 1))).isEqualTo(4);
        assertThat(pricing.cost("x", new TokenUsage(1000, 1000))).isEqualTo(42);
        assertThat(pricing.cost("x", new TokenUsage(1001, 0))).isEqualTo(13);
        assertThat(pricing.cost(null, new TokenUsage(100, 0))).isEqualTo(3);
    }

    @Test
    void usesThePerModelRatesWhenThereAreAny() {
        assertThat(pricing.cost("big", new TokenUsage(1000, 1000))).isEqualTo(402);
        assertThat(pricing.maxCost("big", 2000, 1000)).isEqualTo(502);
    }

    @Test
    void refusesZeroAndNegativePrices() {
        assertThatThrownBy(() -> CreditPricing.of(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreditPricing.of(1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreditPricing.of(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overflowIsAnErrorNotAWrapAround() {
        assertThatThrownBy(() -> pricing.cost("x", new TokenUsage(Long.MAX_VALUE / 2, 0)))
                .isInstanceOf(ArithmeticException.class);
    }
}
