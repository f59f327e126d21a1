package com.chimti.ai.adapter.in.web.view;

import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginStatus;
import java.time.Instant;

/** Login answers. They carry ids, codes and states only: never tokens, file paths or profile ids. */
public final class LoginViews {
    private LoginViews() {
    }

    public record Pending(String loginId, String status, String verificationUrl, String userCode, Instant expiresAt) {
    }

    public record Connected(String status) {
    }

    public record Poll(String loginId, String status, String error) {
        public static Poll of(LoginStatus login) {
            return new Poll(login.loginId().value(), login.status().wireName(), login.error());
        }
    }

    public static Object of(LoginStart start) {
        if (start instanceof LoginStart.DevicePending pending) {
            return new Pending(pending.loginId().value(), "pending", pending.verificationUrl(), pending.userCode(),
                    pending.expiresAt());
        }
        return new Connected("connected");
    }

    public static int statusOf(LoginStart start) {
        return start instanceof LoginStart.DevicePending ? 202 : 200;
    }
}
