package com.chimti.ai.adapter.in.web;

import com.chimti.ai.core.domain.LoginStart;
import com.chimti.ai.core.domain.LoginStatus;
import java.time.Instant;

/** Login answers. They carry ids, codes and states only: never tokens, file paths or profile ids. */
final class LoginViews {
    private LoginViews() {
    }

    record Pending(String loginId, String status, String verificationUrl, String userCode, Instant expiresAt) {
    }

    record Connected(String status) {
    }

    record Poll(String loginId, String status, String error) {
        static Poll of(LoginStatus login) {
            return new Poll(login.loginId().value(), login.status().wireName(), login.error());
        }
    }

    static Object of(LoginStart start) {
        if (start instanceof LoginStart.DevicePending pending) {
            return new Pending(pending.loginId().value(), "pending", pending.verificationUrl(), pending.userCode(),
                    pending.expiresAt());
        }
        return new Connected("connected");
    }

    static int statusOf(LoginStart start) {
        return start instanceof LoginStart.DevicePending ? 202 : 200;
    }
}
