package com.chimti.ai.adapter.out.persistence.connection;

import com.chimti.ai.adapter.out.persistence.testing.ServerInstance;
import com.chimti.ai.adapter.out.persistence.testing.TestData;
import com.chimti.ai.core.domain.chat.AiChat;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link EmbeddedRestartTest}: opens the embedded database, stores a chat, says READY and
 * waits to be killed with SIGKILL, leaving its postmaster orphaned the way a crashed app would.
 */
public final class OrphanedServerMain {
    private OrphanedServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Database database = Database.open(DatabaseSettings.embedded(Path.of(args[0])));
        database.migrate();
        AiChat chat = TestData.chat(TestData.user(), TestData.client(), null, TestData.T0);
        new ServerInstance(database).chatRepository().insert(chat);
        System.out.println("READY " + chat.id().value());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
