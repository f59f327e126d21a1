package com.chimti.ai.adapter.out.persistence.account;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ProfileMoveDao.Row.class)
interface ProfileMoveDao {

    record Row(String clientId, String userId) {
    }

    @SqlQuery("SELECT client_id, user_id FROM ai_profile_moves WHERE moved_at IS NULL ORDER BY user_id")
    List<Row> pending();

    @SqlUpdate("UPDATE ai_profile_moves SET moved_at = :now"
            + " WHERE client_id = :clientId AND user_id = :userId AND moved_at IS NULL")
    int done(@Bind("clientId") String clientId, @Bind("userId") String userId, @Bind("now") Instant now);
}
