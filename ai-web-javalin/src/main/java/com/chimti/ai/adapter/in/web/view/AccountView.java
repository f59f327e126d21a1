package com.chimti.ai.adapter.in.web.view;

import com.chimti.ai.core.domain.account.AccountError;
import com.chimti.ai.core.domain.account.AccountStatus;
import com.chimti.ai.core.domain.account.LimitWindow;
import com.chimti.ai.core.domain.account.RateLimits;
import java.time.Instant;

/** The caller's provider account; {@code email} is the core's already-masked value. */
public record AccountView(String provider, String status, String authMode, String plan, String email, String model,
                   LimitsView limits, ErrorView error) {

    public record LimitsView(WindowView primary, WindowView secondary) {
        public static LimitsView of(RateLimits limits) {
            return limits == null ? null : new LimitsView(WindowView.of(limits.primary()),
                    WindowView.of(limits.secondary()));
        }
    }

    public record WindowView(double usedPercent, Integer windowMinutes, Instant resetsAt) {
        public static WindowView of(LimitWindow window) {
            return window == null ? null
                    : new WindowView(window.usedPercent(), window.windowMinutes(), window.resetsAt());
        }
    }

    public record ErrorView(String code, String message) {
        public static ErrorView of(AccountError error) {
            return error == null ? null : new ErrorView(error.code(), error.message());
        }
    }

    public static AccountView of(AccountStatus account) {
        return new AccountView(account.provider().value(), account.status().wireName(), account.authMode(),
                account.plan(), account.maskedEmail(), account.model(), LimitsView.of(account.limits()),
                ErrorView.of(account.error()));
    }
}
