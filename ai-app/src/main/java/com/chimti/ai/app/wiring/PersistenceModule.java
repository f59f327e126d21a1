package com.chimti.ai.app.wiring;

import com.chimti.ai.adapter.out.persistence.Database;
import com.chimti.ai.adapter.out.persistence.DatabaseSettings;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.core.port.out.ActionRepository;
import com.chimti.ai.core.port.out.ArtifactRepository;
import com.chimti.ai.core.port.out.ChatRepository;
import com.chimti.ai.core.port.out.LoginRepository;
import com.chimti.ai.core.port.out.MessageRepository;
import com.chimti.ai.core.port.out.SettingRepository;
import com.chimti.ai.core.port.out.UsageLedger;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** The repositories on PostgreSQL: embedded under the data dir, or external when AI_DB_URL is set. */
public final class PersistenceModule extends AbstractModule {

    @Provides
    @Singleton
    DatabaseSettings databaseSettings(AppConfig config) {
        AppConfig.Database db = config.database();
        return new DatabaseSettings(db.url(), db.user(), db.password(), config.dataDir(), db.maxPoolSize());
    }

    /** Opening starts the embedded server or the pool; the schema is migrated by the app after wiring. */
    @Provides
    @Singleton
    Database database(DatabaseSettings settings) {
        return Database.open(settings);
    }

    @Provides
    ChatRepository chats(Database database) {
        return database.chatRepository();
    }

    @Provides
    MessageRepository messages(Database database) {
        return database.messageRepository();
    }

    @Provides
    SettingRepository settings(Database database) {
        return database.settingRepository();
    }

    @Provides
    LoginRepository logins(Database database) {
        return database.loginRepository();
    }

    @Provides
    ActionRepository actions(Database database) {
        return database.actionRepository();
    }

    @Provides
    ArtifactRepository artifacts(Database database) {
        return database.artifactRepository();
    }

    @Provides
    UsageLedger usageLedger(Database database) {
        return database.usageLedger();
    }
}
