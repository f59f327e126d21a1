package com.chimti.ai.app.wiring;

import com.chimti.ai.adapter.out.persistence.Database;
import com.chimti.ai.adapter.out.persistence.FileArtifactStore;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.core.port.out.ActionRepository;
import com.chimti.ai.core.port.out.ArtifactRepository;
import com.chimti.ai.core.port.out.ArtifactStore;
import com.chimti.ai.core.port.out.ChatRepository;
import com.chimti.ai.core.port.out.LoginRepository;
import com.chimti.ai.core.port.out.MessageDraftRepository;
import com.chimti.ai.core.port.out.MessageRepository;
import com.chimti.ai.core.port.out.ProfileLocks;
import com.chimti.ai.core.port.out.RateLimiter;
import com.chimti.ai.core.port.out.SettingRepository;
import com.chimti.ai.core.port.out.TaskNoteRepository;
import com.chimti.ai.core.port.out.TurnEventLog;
import com.chimti.ai.core.port.out.TurnsElsewhere;
import com.chimti.ai.core.port.out.TurnSettlements;
import com.chimti.ai.core.port.out.UsageLedger;
import com.chimti.ai.core.port.out.Wallets;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * The repositories on PostgreSQL. The database is opened (and the embedded server started) before the
 * injector is built, so this module only binds.
 */
public final class PersistenceModule extends AbstractModule {
    private final Database database;

    public PersistenceModule(Database database) {
        this.database = database;
    }

    @Override
    protected void configure() {
        bind(Database.class).toInstance(database);
        bind(ChatRepository.class).toInstance(database.chatRepository());
        bind(MessageRepository.class).toInstance(database.messageRepository());
        bind(SettingRepository.class).toInstance(database.settingRepository());
        bind(LoginRepository.class).toInstance(database.loginRepository());
        bind(ActionRepository.class).toInstance(database.actionRepository());
        bind(ArtifactRepository.class).toInstance(database.artifactRepository());
        bind(UsageLedger.class).toInstance(database.usageLedger());
        bind(Wallets.class).toInstance(database.wallets());
        bind(TurnSettlements.class).toInstance(database.turnSettlements());
        bind(TaskNoteRepository.class).toInstance(database.taskNoteRepository());
        bind(MessageDraftRepository.class).toInstance(database.messageDraftRepository());
        bind(ProfileLocks.class).toInstance(database.profileLocks());
        bind(TurnEventLog.class).toInstance(database.sharedTurnEventLog());
        bind(TurnsElsewhere.class).toInstance(database.turnsElsewhere());
        bind(RateLimiter.class).toInstance(database.rateLimiter());
    }

    /** Artifact bytes as files under AI_ARTIFACT_STORAGE_PATH; the records stay in PostgreSQL. */
    @Provides
    @Singleton
    ArtifactStore artifactStore(AppConfig config) {
        return new FileArtifactStore(config.artifacts().storagePath(), config.artifacts().maxBytes());
    }
}
