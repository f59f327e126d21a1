package com.chimti.ai.adapter.out.persistence.erasure;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * One user's rows (a sub within one client), table by table, children before parents. Every statement names the
 * client: the same sub in another client is another user. Attached to one transaction's handle.
 */
interface ErasureDao {
    String CHATS = "SELECT id FROM ai_chats WHERE client_id = :clientId AND user_id = :userId";
    String ACTIONS = "SELECT id FROM ai_actions WHERE client_id = :clientId AND user_id = :userId";

    @SqlQuery(CHATS)
    List<String> chats(@Bind("clientId") String clientId, @Bind("userId") String userId);

    /** The journals of the user's streamed turns (their events go with them: ON DELETE CASCADE). */
    @SqlUpdate("DELETE FROM ai_turn_streams WHERE chat_id IN (" + CHATS + ")")
    int deleteTurnStreams(@Bind("clientId") String clientId, @Bind("userId") String userId);

    @SqlUpdate("DELETE FROM ai_messages WHERE chat_id IN (" + CHATS + ")")
    int deleteMessages(@Bind("clientId") String clientId, @Bind("userId") String userId);

    /** What the user's actions wrote, and what the user wrote in that client (the same rows, asked both ways). */
    @SqlUpdate("DELETE FROM ai_task_notes WHERE (client_id = :clientId AND user_id = :userId)"
            + " OR action_id IN (" + ACTIONS + ")")
    int deleteTaskNotes(@Bind("clientId") String clientId, @Bind("userId") String userId);

    @SqlUpdate("DELETE FROM ai_message_drafts WHERE (client_id = :clientId AND user_id = :userId)"
            + " OR action_id IN (" + ACTIONS + ")")
    int deleteMessageDrafts(@Bind("clientId") String clientId, @Bind("userId") String userId);

    @SqlUpdate("DELETE FROM ai_actions WHERE client_id = :clientId AND user_id = :userId")
    int deleteActions(@Bind("clientId") String clientId, @Bind("userId") String userId);

    /** The records' storage keys: their files are deleted after the commit. */
    @SqlQuery("DELETE FROM ai_artifacts WHERE client_id = :clientId AND user_id = :userId RETURNING storage_path")
    List<String> deleteArtifacts(@Bind("clientId") String clientId, @Bind("userId") String userId);

    @SqlUpdate("DELETE FROM ai_chats WHERE client_id = :clientId AND user_id = :userId")
    int deleteChats(@Bind("clientId") String clientId, @Bind("userId") String userId);

    @SqlUpdate("DELETE FROM ai_logins WHERE client_id = :clientId AND user_id = :userId")
    int deleteLogins(@Bind("clientId") String clientId, @Bind("userId") String userId);

    @SqlUpdate("DELETE FROM ai_settings WHERE client_id = :clientId AND user_id = :userId")
    int deleteSettings(@Bind("clientId") String clientId, @Bind("userId") String userId);

    /** V9's list of profile folders to rename: an erased user's folder is gone, so is its entry. */
    @SqlUpdate("DELETE FROM ai_profile_moves WHERE client_id = :clientId AND user_id = :userId")
    int deleteProfileMove(@Bind("clientId") String clientId, @Bind("userId") String userId);
}
