package com.chimti.ai.adapter.out.persistence.account;

import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The provider profiles V9 left to move: before V9 a profile folder was named by the {@code sub} alone; the subs
 * that had exactly one client get their folder renamed to the name of (client, sub) by the server at start-up,
 * which then marks the row done. Subs with several clients are not listed (their profile is not guessed).
 */
public final class LegacyProfileMoves {
    private final ProfileMoveDao dao;

    public LegacyProfileMoves(Jdbi jdbi) {
        this.dao = jdbi.onDemand(ProfileMoveDao.class);
    }

    /** The users whose old folder has not been looked at yet. */
    public List<TenantUser> pending() {
        return dao.pending().stream()
                .map(row -> new TenantUser(new ClientId(row.clientId()), new UserId(row.userId())))
                .toList();
    }

    /** Records that the user's old folder was moved, or that there was none; a second call changes nothing. */
    public void done(TenantUser user, Instant now) {
        dao.done(user.clientId().value(), user.userId().value(), Times.micros(now));
    }
}
