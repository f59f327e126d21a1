package com.chimti.ai.core.port.in;

/**
 * Offboarding: erases one user's AI data within one client, everything that holds content (chats and messages,
 * the journal of streamed turns, model choice, logins, actions and what they wrote, artifacts and their files,
 * the provider profile and workspace), after stopping the user's turns and processes. Usage rows, the wallet
 * ledger and holds, and the audit trail stay: they hold ids and numbers, no content. Idempotent: erasing a user
 * with nothing left succeeds and reports zeros.
 *
 * <p>Who may: a {@code PLATFORM_ADMIN} for any client; a {@code BRAND_SUPERADMIN} for users of their own
 * client; everyone else gets {@link com.chimti.ai.core.domain.tenancy.OutOfScopeException}. The AI module need
 * not be enabled (data is erased after AI was turned off too).
 */
public interface EraseUserData {

    ErasureReport erase(EraseUserCommand command);
}
