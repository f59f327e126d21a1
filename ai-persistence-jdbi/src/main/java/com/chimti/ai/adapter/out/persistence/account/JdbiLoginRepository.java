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
 * {@link ConflictException}. A save says whether it changed the stored state, decided under the row's lock, so of
 * two instances that end one login the same way only one is told it did.
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
    public boolean save(AiLogin login) {
        LoginRow row = LoginRow.of(login);
        try {
            return jdbi.inTransaction(handle -> {
                LoginDao tx = handle.attach(LoginDao.class);
                // the row lock orders racing saves: the second one sees the first one's state
                boolean changed = tx.lockState(row.id()).map(before -> !before.equals(row.state())).orElse(true);
                if (login.state() == LoginState.PENDING) {
                    tx.cancelOtherPending(row.clientId(), row.userId(), row.provider(), row.id(), SUPERSEDED,
                            row.updatedAt());
                }
                tx.upsert(Rows.bindings(row));
                return changed;
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
