package com.chimti.ai.adapter.out.persistence.testing;

import com.chimti.ai.adapter.out.persistence.account.JdbiLoginRepository;
import com.chimti.ai.adapter.out.persistence.account.JdbiSettingRepository;
import com.chimti.ai.adapter.out.persistence.action.JdbiActionRepository;
import com.chimti.ai.adapter.out.persistence.action.JdbiMessageDraftRepository;
import com.chimti.ai.adapter.out.persistence.action.JdbiTaskNoteRepository;
import com.chimti.ai.adapter.out.persistence.artifact.JdbiArtifactRepository;
import com.chimti.ai.adapter.out.persistence.billing.JdbiTurnSettlements;
import com.chimti.ai.adapter.out.persistence.billing.JdbiUsageLedger;
import com.chimti.ai.adapter.out.persistence.billing.JdbiWallets;
import com.chimti.ai.adapter.out.persistence.chat.JdbiChatRepository;
import com.chimti.ai.adapter.out.persistence.chat.JdbiMessageRepository;
import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.adapter.out.persistence.turn.PgProfileLocks;
import com.chimti.ai.adapter.out.persistence.turn.PgTurnCancels;
import com.chimti.ai.adapter.out.persistence.turn.PgTurnEventLog;
import com.chimti.ai.core.port.out.ActionRepository;
import com.chimti.ai.core.port.out.ArtifactRepository;
import com.chimti.ai.core.port.out.ChatRepository;
import com.chimti.ai.core.port.out.LoginRepository;
import com.chimti.ai.core.port.out.MessageDraftRepository;
import com.chimti.ai.core.port.out.MessageRepository;
import com.chimti.ai.core.port.out.SettingRepository;
import com.chimti.ai.core.port.out.TaskNoteRepository;
import com.chimti.ai.core.port.out.TurnSettlements;
import com.chimti.ai.core.port.out.UsageLedger;
import org.jdbi.v3.core.Jdbi;

/**
 * What one server instance builds on its {@link Database}: the adapters, as the application's wiring builds them,
 * except that the PostgreSQL turn adapters (event log, cancels) are built on an embedded database too, to test
 * them. Closing it closes the database, which closes the adapters attached to it first.
 */
public final class ServerInstance implements AutoCloseable {
    private final Database database;
    private final ChatRepository chats;
    private final MessageRepository messages;
    private final SettingRepository settings;
    private final LoginRepository logins;
    private final ActionRepository actions;
    private final TaskNoteRepository taskNotes;
    private final MessageDraftRepository messageDrafts;
    private final ArtifactRepository artifacts;
    private final UsageLedger usage;
    private final JdbiWallets wallets;
    private final TurnSettlements turnSettlements;
    private final PgProfileLocks profileLocks;
    private final PgTurnEventLog turnEvents;
    private final PgTurnCancels turnCancels;

    public ServerInstance(Database database) {
        this.database = database;
        Jdbi jdbi = database.jdbi();
        this.chats = new JdbiChatRepository(jdbi, database.pool());
        this.messages = new JdbiMessageRepository(jdbi, database.pool());
        this.settings = new JdbiSettingRepository(jdbi);
        this.logins = new JdbiLoginRepository(jdbi);
        this.actions = new JdbiActionRepository(jdbi);
        this.taskNotes = new JdbiTaskNoteRepository(jdbi);
        this.messageDrafts = new JdbiMessageDraftRepository(jdbi);
        this.artifacts = new JdbiArtifactRepository(jdbi);
        this.usage = new JdbiUsageLedger(jdbi);
        this.wallets = new JdbiWallets(jdbi);
        this.turnSettlements = new JdbiTurnSettlements(jdbi);
        this.profileLocks = database.attach(new PgProfileLocks(database.sessions()));
        this.turnCancels = database.attach(new PgTurnCancels(jdbi, database.sessions()));
        this.turnEvents = database.attach(new PgTurnEventLog(jdbi, database.sessions()));
    }

    public Database database() {
        return database;
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    public ChatRepository chatRepository() {
        return chats;
    }

    public MessageRepository messageRepository() {
        return messages;
    }

    public SettingRepository settingRepository() {
        return settings;
    }

    public LoginRepository loginRepository() {
        return logins;
    }

    public ActionRepository actionRepository() {
        return actions;
    }

    public TaskNoteRepository taskNoteRepository() {
        return taskNotes;
    }

    public MessageDraftRepository messageDraftRepository() {
        return messageDrafts;
    }

    public ArtifactRepository artifactRepository() {
        return artifacts;
    }

    public UsageLedger usageLedger() {
        return usage;
    }

    public JdbiWallets wallets() {
        return wallets;
    }

    public TurnSettlements turnSettlements() {
        return turnSettlements;
    }

    public PgProfileLocks profileLocks() {
        return profileLocks;
    }

    public PgTurnEventLog turnEventLog() {
        return turnEvents;
    }

    public PgTurnCancels turnCancels() {
        return turnCancels;
    }

    @Override
    public void close() {
        database.close();
    }
}
