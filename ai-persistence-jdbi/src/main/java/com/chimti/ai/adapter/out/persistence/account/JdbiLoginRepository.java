package com.chimti.ai.adapter.out.persistence.account;

import com.chimti.ai.adapter.out.persistence.sql.Rows;
import com.chimti.ai.adapter.out.persistence.sql.SqlErrors;
import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.account.AiLogin;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.LoginRepository;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * At most one login per user (sub in a client) and provider is pending (a partial unique index says so). Saving
 * a new pending login supersedes the older one: it is marked {@code cancelled} in the same transaction, so a user
 * who clicks "Connect" twice simply gets the newer login. Only two saves racing each other can lose; the loser gets a
 * {@link ConflictException}.
 */
public final class JdbiLoginRepository implements LoginRepository {
    public static final String SUPERSEDED = "superseded by a newer login";

    private final Jdbi jdbi;
    private final LoginDao dao;

    public JdbiLoginRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(LoginDao.class);
    }

    @Override
    public void save(AiLogin login) {
        LoginRow row = LoginRow.of(login);
        try {
            jdbi.useTransaction(handle -> {
                LoginDao tx = handle.attach(LoginDao.class);
                if (login.state() == LoginState.PENDING) {
                    tx.cancelOtherPending(row.clientId(), row.userId(), row.provider(), row.id(), SUPERSEDED,
                            row.updatedAt());
                }
                tx.upsert(Rows.bindings(row));
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new ConflictException("another login for this provider was started at the same time", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<AiLogin> find(TenantUser owner, LoginId loginId) {
        return dao.find(owner.clientId().value(), owner.userId().value(), loginId.value()).map(LoginRow::toDomain);
    }

    @Override
    public Optional<AiLogin> findPending(TenantUser owner, ProviderId provider) {
        return dao.findPending(owner.clientId().value(), owner.userId().value(), provider.value())
                .map(LoginRow::toDomain);
    }
}
