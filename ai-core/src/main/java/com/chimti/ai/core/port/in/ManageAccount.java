package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.account.AccountStatus;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginStatus;
import com.chimti.ai.core.domain.tenancy.Caller;

/** The caller's own provider account: status, login, switch, logout. {@code provider} null means the default. */
public interface ManageAccount {

    AccountStatus status(Caller caller, String provider);

    LoginStart startLogin(StartLoginCommand command);

    LoginStatus loginStatus(Caller caller, String provider, LoginId loginId);

    void cancelLogin(Caller caller, String provider, LoginId loginId);

    /** Signs the current account out, then starts a new login. */
    LoginStart switchAccount(StartLoginCommand command);

    void logout(Caller caller, String provider);
}
