package com.chimti.ai.core.service.erasure;

import com.chimti.ai.core.domain.TimeOrderedIds;
import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.erasure.ErasedRows;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.in.EraseUserCommand;
import com.chimti.ai.core.port.in.EraseUserData;
import com.chimti.ai.core.port.in.ErasureReport;
import com.chimti.ai.core.port.out.AiAccounts;
import com.chimti.ai.core.port.out.ArtifactStore;
import com.chimti.ai.core.port.out.AuditTrail;
import com.chimti.ai.core.port.out.HostUserData;
import com.chimti.ai.core.port.out.UserDataEraser;
import com.chimti.ai.core.service.provider.Providers;
import com.chimti.ai.core.service.turn.RunningTurns;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Erases one user's AI data within one client ({@link EraseUserData}), in this order:
 * <ol>
 *   <li>the user's new turns are refused in this process and the running ones cancelled, here and (by chat) on
 *       other instances; the turns get {@code settle} to end (and settle their credits) on their own;</li>
 *   <li>every provider forgets the user: their CLI processes and logins stop, their profile and workspace go;
 *       then the other instances are asked to do the same with their processes, and answer when done
 *       ({@code TurnsElsewhere.forget}, waited for within a bound);</li>
 *   <li>the database rows with content go in one transaction ({@link UserDataEraser}), then what the host's
 *       extensions keep of the user in their own tables ({@link HostUserData});</li>
 *   <li>after the commit, the artifact files of the deleted records, then whatever the store still keeps of the
 *       user;</li>
 *   <li>a {@code USER_ERASED} audit event (actor: the administrator; subject: the user; details: the counts).</li>
 * </ol>
 * Every step is idempotent, so a call that failed half-way is completed by calling again; a call with nothing
 * left to erase succeeds with zeros. The refusal of new turns ends with the call.
 */
public final class ErasureService implements EraseUserData {
    private final RunningTurns turns;
    private final Providers providers;
    private final UserDataEraser eraser;
    private final List<HostUserData> hostData;
    private final ArtifactStore files;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration settle;

    /** @param settle how long cancelled turns get to end before the user's processes are killed under them */
    public ErasureService(RunningTurns turns, Providers providers, UserDataEraser eraser,
                          List<HostUserData> hostData, ArtifactStore files, AuditTrail audit, Clock clock,
                          Duration settle) {
        this.turns = Objects.requireNonNull(turns, "turns");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.eraser = Objects.requireNonNull(eraser, "eraser");
        this.hostData = List.copyOf(hostData);
        this.files = Objects.requireNonNull(files, "files");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settle = Objects.requireNonNull(settle, "settle");
    }

    @Override
    public ErasureReport erase(EraseUserCommand command) {
        Caller caller = command.caller();
        requireMayErase(caller, command);
        TenantUser user = command.subject();
        ErasedRows rows;
        int deletedFiles;
        try (RunningTurns.UserStop stop = turns.stopUser(user)) {
            stopTurns(user);
            List<AiAccounts> accounts = providers.allAccounts();
            accounts.forEach(account -> account.forget(user));
            turns.forgetElsewhere(user); // a warm process there would keep the credentials and refill the profile
            rows = eraser.erase(user);
            int hostRows = 0;
            for (HostUserData host : hostData) {
                hostRows += host.erase(user);
            }
            deletedFiles = deleteFiles(user, rows.artifactFiles());
            audit.record(event(caller, command, rows, hostRows));
            return new ErasureReport(rows, deletedFiles, accounts.size());
        }
    }

    /** PLATFORM_ADMIN anywhere, BRAND_SUPERADMIN in their own client, nobody else. */
    private static void requireMayErase(Caller caller, EraseUserCommand command) {
        if (caller.hasRole(Role.PLATFORM_ADMIN)) {
            return;
        }
        if (caller.hasRole(Role.BRAND_SUPERADMIN) && caller.clientId().equals(command.clientId())) {
            return;
        }
        throw new OutOfScopeException("only platform admins, and brand superadmins of the user's client, may "
                + "erase a user's AI data");
    }

    /** Cancels the user's turns here and, by chat, elsewhere; waits a while for them to end. */
    private void stopTurns(TenantUser user) {
        for (ChatId chat : eraser.chatsOf(user)) {
            turns.cancel(chat);
        }
        try {
            turns.awaitUserIdle(user, settle); // a turn still running is stopped with its process next
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the user's turns were stopping", e);
        }
    }

    /**
     * The files of the deleted records, then the rest of the user's (their folder). A file that cannot be deleted
     * fails the call after the others were tried: the rows are gone, and a second call removes the user's folder.
     */
    private int deleteFiles(TenantUser user, List<StorageKey> keys) {
        RuntimeException failed = null;
        int deleted = 0;
        for (StorageKey key : keys) {
            try {
                files.delete(key);
                deleted++;
            } catch (RuntimeException e) {
                failed = chain(failed, e);
            }
        }
        try {
            files.forget(user);
        } catch (RuntimeException e) {
            failed = chain(failed, e);
        }
        if (failed != null) {
            throw failed;
        }
        return deleted;
    }

    private static RuntimeException chain(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** In the erased user's client; the counts only, plus the admin's own client when it is another one. */
    private AuditEvent event(Caller caller, EraseUserCommand command, ErasedRows rows, int hostRows) {
        Map<String, String> details = new TreeMap<>(rows.counts());
        if (!hostData.isEmpty()) {
            details.put("hostRows", Integer.toString(hostRows));
        }
        if (!caller.clientId().equals(command.clientId())) {
            details.put("actorClientId", caller.clientId().value());
        }
        return new AuditEvent(TimeOrderedIds.next(), clock.instant(), AuditEventType.USER_ERASED,
                command.clientId(), null, caller.userId(), command.userId(), caller.requestId(), details);
    }
}
