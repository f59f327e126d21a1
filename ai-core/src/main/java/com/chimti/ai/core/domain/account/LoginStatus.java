package com.chimti.ai.core.domain.account;

import java.util.Objects;

public record LoginStatus(LoginId loginId, LoginState status, String error) {
    public LoginStatus {
        Objects.requireNonNull(loginId, "loginId");
        Objects.requireNonNull(status, "status");
    }

    public static LoginStatus of(AiLogin login) {
        return new LoginStatus(login.id(), login.state(), login.error());
    }
}
