package com.chimti.ai.app.wiring;

import com.chimti.ai.adapter.out.files.FileArtifactStore;
import com.chimti.ai.adapter.out.persistence.account.JdbiLoginRepository;
import com.chimti.ai.adapter.out.persistence.account.JdbiSettingRepository;
import com.chimti.ai.adapter.out.persistence.account.LegacyProfileMoves;
import com.chimti.ai.adapter.out.persistence.action.JdbiActionRepository;
import com.chimti.ai.adapter.out.persistence.action.JdbiMessageDraftRepository;
import com.chimti.ai.adapter.out.persistence.action.JdbiTaskNoteRepository;
import com.chimti.ai.adapter.out.persistence.artifact.JdbiArtifactRepository;
import com.chimti.ai.adapter.out.persistence.billing.JdbiTurnSettlements;
import com.chimti.ai.adapter.out.persistence.audit.JdbiAuditTrail;
import com.chimti.ai.adapter.out.persistence.billing.JdbiUsageLedger;
import com.chimti.ai.adapter.out.persistence.billing.JdbiWalletHistory;
import com.chimti.ai.adapter.out.persistence.billing.JdbiWallets;
import com.chimti.ai.adapter.out.persistence.chat.JdbiChatRepository;
import com.chimti.ai.adapter.out.persistence.chat.JdbiMessageRepository;
import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.adapter.out.persistence.erasure.JdbiUserDataEraser;
import com.chimti.ai.adapter.out.persistence.turn.PgProfileLocks;
import com.chimti.ai.adapter.out.persistence.turn.PgRateLimiter;
import com.chimti.ai.adapter.out.persistence.turn.PgTurnCancels;
import com.chimti.ai.adapter.out.persistence.turn.PgTurnEventLog;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.ActionRepository;
import com.chimti.ai.core.port.out.ArtifactRepository;
import com.chimti.ai.core.port.out.ArtifactStore;
import com.chimti.ai.core.port.out.AuditTrail;
import com.chimti.ai.core.port.out.ChatRepository;
import com.chimti.ai.core.port.out.LoginRepository;
import com.chimti.ai.core.port.out.MessageDraftRepository;
import com.chimti.ai.core.port.out.MessageRepository;
import com.chimti.ai.core.port.out.ProfileLocks;
import com.chimti.ai.core.port.out.RateLimiter;
import com.chimti.ai.core.port.out.SettingRepository;
import com.chimti.ai.core.port.out.TaskNoteRepository;
import com.chimti.ai.core.port.out.TurnEventLog;
import com.chimti.ai.core.port.out.TurnSettlements;
import com.chimti.ai.core.port.out.TurnsElsewhere;
import com.chimti.ai.core.port.out.UsageLedger;
import com.chimti.ai.core.port.out.WalletHistory;
import com.chimti.ai.core.port.out.UserDataEraser;
import com.chimti.ai.core.port.out.Wallets;
import com.chimti.ai.core.service.account.AuditedLogins;
import com.chimti.ai.core.service.audit.GuardedAuditTrail;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbound adapters on PostgreSQL, built on the database's JDBI, and the artifact files. The database is
 * opened (and the embedded server started) before the injector is built; the adapters that hold sessions or
 * threads of their own are attached to it, so closing it closes them first.
 */
public final class PersistenceModule extends AbstractModule {
    static final String AUDIT_FAILURES = "ai.audit.write.failures";

    private final Database database;

    public PersistenceModule(Database database) {
        this.database = database;
    }

    /**
     * The other instances' cancel and forget requests, handed to this instance's running turns and providers once
     * they are wired.
     */
    @FunctionalInterface
    public interface IncomingCancels {
        /**
         * {@code cancelHere} cancels the chat's turn when it runs on this instance, and says whether it did;
         * {@code forgetHere} stops an erased user's processes here and deletes what the providers keep of them.
         */
        void serve(Predicate<ChatId> cancelHere, Consumer<TenantUser> forgetHere);
    }

    @Override
    protected void configure() {
        Jdbi jdbi = database.jdbi();
        bind(Database.class).toInstance(database);
        // chats, and what actions write
        bind(ChatRepository.class).toInstance(new JdbiChatRepository(jdbi, database.pool()));
        bind(MessageRepository.class).toInstance(new JdbiMessageRepository(jdbi, database.pool()));
        bind(ActionRepository.class).toInstance(new JdbiActionRepository(jdbi));
        bind(TaskNoteRepository.class).toInstance(new JdbiTaskNoteRepository(jdbi));
        bind(MessageDraftRepository.class).toInstance(new JdbiMessageDraftRepository(jdbi));
        bind(ArtifactRepository.class).toInstance(new JdbiArtifactRepository(jdbi));
        // accounts
        bind(SettingRepository.class).toInstance(new JdbiSettingRepository(jdbi));
        bind(LegacyProfileMoves.class).toInstance(new LegacyProfileMoves(jdbi));
        // billing; the wallets also count the open holds for a metrics gauge
        JdbiWallets wallets = new JdbiWallets(jdbi);
        bind(Wallets.class).toInstance(wallets);
        bind(JdbiWallets.class).toInstance(wallets);
        bind(UsageLedger.class).toInstance(new JdbiUsageLedger(jdbi));
        bind(WalletHistory.class).toInstance(new JdbiWalletHistory(jdbi));
        bind(TurnSettlements.class).toInstance(new JdbiTurnSettlements(jdbi));
        // erasure: a user's rows with content, across the tables, in one transaction
        bind(UserDataEraser.class).toInstance(new JdbiUserDataEraser(jdbi));
        // turns: limits and locks shared by every instance on this database
        bind(RateLimiter.class).toInstance(new PgRateLimiter(database.pool(), jdbi, Clock.systemUTC()));
        bind(ProfileLocks.class).toInstance(database.attach(new PgProfileLocks(database.sessions())));
        bindTurnsOfOtherInstances(jdbi);
    }

    /**
     * Streams and cancels across instances, on an external database; an embedded one serves one instance, whose
     * own journal serves every resume and whose registry finds every turn.
     */
    private void bindTurnsOfOtherInstances(Jdbi jdbi) {
        if (database.isEmbedded()) {
            bind(TurnEventLog.class).toInstance(TurnEventLog.NONE);
            bind(TurnsElsewhere.class).toInstance(TurnsElsewhere.NONE);
            bind(IncomingCancels.class).toInstance((cancelHere, forgetHere) -> {
            });
            return;
        }
        bind(TurnEventLog.class).toInstance(database.attach(new PgTurnEventLog(jdbi, database.sessions())));
        PgTurnCancels cancels = database.attach(new PgTurnCancels(jdbi, database.sessions()));
        bind(TurnsElsewhere.class).toInstance(cancels);
        bind(IncomingCancels.class).toInstance(cancels::serve);
    }

    /**
     * The audit trail. An event is written after the change it records, so a failed write is logged and counted
     * ({@code ai_audit_write_failures_total}), never thrown at a caller whose change already happened.
     */
    @Provides
    @Singleton
    AuditTrail auditTrail(MeterRegistry registry) {
        return new GuardedAuditTrail(new JdbiAuditTrail(database.jdbi()), type -> Counter.builder(AUDIT_FAILURES)
                .description("Audit events that could not be written").tag("type", type.name())
                .register(registry).increment());
    }

    /** Login rows, audited where a device login becomes connected or failed, whichever instance ends it. */
    @Provides
    @Singleton
    LoginRepository loginRepository(AuditTrail audit, Clock clock) {
        return new AuditedLogins(new JdbiLoginRepository(database.jdbi()), audit, clock);
    }

    /** Artifact bytes as files under AI_ARTIFACT_STORAGE_PATH; the records stay in PostgreSQL. */
    @Provides
    @Singleton
    ArtifactStore artifactStore(AppConfig config) {
        return new FileArtifactStore(config.artifacts().storagePath(), config.artifacts().maxBytes());
    }
}
