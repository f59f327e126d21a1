package com.chimti.ai.adapter.out.persistence.erasure;

import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.erasure.ErasedRows;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.UserDataEraser;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Every table of the schema that holds a user's content, emptied of that user's rows in one transaction (see
 * the migrations): {@code ai_turn_streams} (and {@code ai_turn_events}), {@code ai_messages}, {@code
 * ai_task_notes}, {@code ai_message_drafts}, {@code ai_actions}, {@code ai_artifacts}, {@code ai_chats}, {@code
 * ai_logins}, {@code ai_settings} and V9's {@code ai_profile_moves}. Kept: {@code usage_log} (ids, a chat id,
 * numbers), {@code wallet}, {@code wallet_ledger} and {@code wallet_reservation} (per client or brand, no user),
 * {@code ai_audit_events} (append-only, metadata), and the rate-limit buckets, counters keyed by ids that expire
 * within a day. Artifact rows of a sub that had several clients before V9 ({@code client_id} NULL) belong to no
 * client that can be told and stay.
 */
public final class JdbiUserDataEraser implements UserDataEraser {
    private final Jdbi jdbi;

    public JdbiUserDataEraser(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<ChatId> chatsOf(TenantUser user) {
        return jdbi.withExtension(ErasureDao.class, dao -> dao.chats(client(user), sub(user))).stream()
                .map(ChatId::new).toList();
    }

    @Override
    public ErasedRows erase(TenantUser user) {
        String client = client(user);
        String sub = sub(user);
        // READ COMMITTED: each statement sees rows committed before it, so a message written by a turn that
        // settled meanwhile goes with its chat (or the settlement fails on the chat's foreign key)
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            ErasureDao dao = handle.attach(ErasureDao.class);
            int turnStreams = dao.deleteTurnStreams(client, sub);
            int messages = dao.deleteMessages(client, sub);
            int taskNotes = dao.deleteTaskNotes(client, sub);
            int drafts = dao.deleteMessageDrafts(client, sub);
            int actions = dao.deleteActions(client, sub);
            List<StorageKey> files = dao.deleteArtifacts(client, sub).stream().map(StorageKey::new).toList();
            int chats = dao.deleteChats(client, sub);
            int logins = dao.deleteLogins(client, sub);
            int settings = dao.deleteSettings(client, sub);
            dao.deleteProfileMove(client, sub);
            return new ErasedRows(chats, messages, turnStreams, actions, taskNotes, drafts, files.size(), logins,
                    settings, files);
        });
    }

    private static String client(TenantUser user) {
        return user.clientId().value();
    }

    private static String sub(TenantUser user) {
        return user.userId().value();
    }
}
