package com.chimti.ai.core.service.account;

import com.chimti.ai.core.domain.TimeOrderedIds;
import com.chimti.ai.core.domain.account.AiLogin;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.AuditTrail;
import com.chimti.ai.core.port.out.LoginRepository;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The login rows, audited: a device login's row is where it becomes connected or failed, whether a poll, the
 * provider's background completion, an expiry timer or another instance ends it. The event is recorded when the
 * save that made the move reports it changed the state ({@link LoginRepository#save}), so once per login even when
 * two threads or instances end it alike. Only device logins have rows (an API key connects at once, audited by
 * {@link AccountService}); the request is gone by then, so these events carry no request id.
 */
public final class AuditedLogins implements LoginRepository {
    private final LoginRepository logins;
    private final AuditTrail audit;
    private final Clock clock;

    public AuditedLogins(LoginRepository logins, AuditTrail audit, Clock clock) {
        this.logins = Objects.requireNonNull(logins, "logins");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean save(AiLogin login) {
        boolean changed = logins.save(login);
        AuditEventType type = login.state() == LoginState.CONNECTED ? AuditEventType.LOGIN_CONNECTED
                : login.state() == LoginState.FAILED ? AuditEventType.LOGIN_FAILED : null;
        if (changed && type != null) {
            TenantUser owner = login.owner();
            audit.record(new AuditEvent(TimeOrderedIds.next(), clock.instant(), type, owner.clientId(), null,
                    owner.userId(), null, null, Map.of("provider", login.provider().value(),
                    "loginId", login.id().value(), "method", AccountService.DEVICE)));
        }
        return changed;
    }

    @Override
    public Optional<AiLogin> find(TenantUser owner, LoginId loginId) {
        return logins.find(owner, loginId);
    }

    @Override
    public Optional<AiLogin> findPending(TenantUser owner, ProviderId provider) {
        return logins.findPending(owner, provider);
    }
}
