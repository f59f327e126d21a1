package com.chimti.ai.core.domain.account;

import java.time.Instant;
import java.util.Objects;

/** What starting a login gives back: a pending device login to show the user, or an account connected at once. */
public sealed interface LoginStart {

    record DevicePending(LoginId loginId, String verificationUrl, String userCode, Instant expiresAt)
            implements LoginStart {
        public DevicePending {
            Objects.requireNonNull(loginId, "loginId");
            Objects.requireNonNull(verificationUrl, "verificationUrl");
            Objects.requireNonNull(userCode, "userCode");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    record Connected() implements LoginStart {
    }
}
