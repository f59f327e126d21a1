package com.chimti.ai.adapter.out.persistence.account;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(LoginRow.class)
interface LoginDao {
    String COLUMNS = "id, client_id, user_id, provider, state, error, created_at, expires_at, updated_at";

    @SqlUpdate("INSERT INTO ai_logins (" + COLUMNS + ") VALUES (:id, :clientId, :userId, :provider, :state, :error,"
            + " :createdAt, :expiresAt, :updatedAt)"
            + " ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, user_id = excluded.user_id,"
            + " provider = excluded.provider,"
            + " state = excluded.state, error = excluded.error, created_at = excluded.created_at,"
            + " expires_at = excluded.expires_at, updated_at = excluded.updated_at")
    void upsert(@BindMap Map<String, Object> row);

    /** The stored state, row locked until the transaction ends, so concurrent saves of one login take turns. */
    @SqlQuery("SELECT state FROM ai_logins WHERE id = :id FOR UPDATE")
    Optional<String> lockState(@Bind("id") String id);

    @SqlUpdate("UPDATE ai_logins SET state = 'cancelled', error = :error, updated_at = :now"
            + " WHERE client_id = :clientId AND user_id = :userId AND provider = :provider AND state = 'pending'"
            + " AND id <> :keepId")
    int cancelOtherPending(@Bind("clientId") String clientId, @Bind("userId") String userId,
                           @Bind("provider") String provider,
                           @Bind("keepId") String keepId, @Bind("error") String error, @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_logins WHERE id = :id AND client_id = :clientId AND user_id = :userId")
    Optional<LoginRow> find(@Bind("clientId") String clientId, @Bind("userId") String userId, @Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_logins"
            + " WHERE client_id = :clientId AND user_id = :userId AND provider = :provider AND state = 'pending'")
    Optional<LoginRow> findPending(@Bind("clientId") String clientId, @Bind("userId") String userId,
                                   @Bind("provider") String provider);
}
