package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.erasure.ErasedRows;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.util.List;

/**
 * Deletes everything of one user (a sub within one client) that the database keeps with content, in one
 * transaction: chats with their messages and turn journals, actions with the task notes and drafts they wrote,
 * artifact records, logins and settings. Rows of the same sub in another client are not touched; usage rows,
 * wallets, their ledger and holds, and audit events are kept.
 */
public interface UserDataEraser {

    /** The user's chats (to cancel their turns wherever they run before the data goes). */
    List<ChatId> chatsOf(TenantUser user);

    /** Deletes the user's rows in one transaction; what it deleted, and the artifact files to delete next. */
    ErasedRows erase(TenantUser user);
}
