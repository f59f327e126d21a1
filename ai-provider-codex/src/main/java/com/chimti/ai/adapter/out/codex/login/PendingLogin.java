package com.chimti.ai.adapter.out.codex.login;

import com.chimti.ai.adapter.out.codex.runtime.AppServerLease;
import com.chimti.ai.core.domain.account.AiLogin;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** A device login running in the app-server it holds, until it ends (once). */
final class PendingLogin {
    final AiLogin login;
    final AppServerLease lease;
    final AtomicBoolean ended = new AtomicBoolean();
    /** The CLI's own id of the login, which its completion notification names. */
    volatile String codexLoginId;
    volatile ScheduledFuture<?> expiry;

    PendingLogin(AiLogin login, AppServerLease lease) {
        this.login = login;
        this.lease = lease;
    }
}
