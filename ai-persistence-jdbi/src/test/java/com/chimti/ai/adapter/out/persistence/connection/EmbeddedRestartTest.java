package com.chimti.ai.adapter.out.persistence.connection;

import static com.chimti.ai.adapter.out.persistence.connection.EmbeddedProcesses.isAlive;
import static com.chimti.ai.adapter.out.persistence.connection.EmbeddedProcesses.postmasterPid;
import static com.chimti.ai.adapter.out.persistence.connection.EmbeddedProcesses.serving;
import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.persistence.testing.ServerInstance;
import com.chimti.ai.adapter.out.persistence.testing.TestData;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.PageRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server keeps its data across restarts and never leaves a process behind. */
class EmbeddedRestartTest {
    @TempDir
    Path dir;

    @Test
    void keepsDataAcrossARestartAndStopsEveryProcessOnClose() {
        Path dataDir = dir.resolve("postgres");
        AiChat chat = TestData.chat(TestData.user(), TestData.client(), null, TestData.T0);
        long firstPid;
        Database closed;
        try (ServerInstance instance = new ServerInstance(open())) {
            Database database = instance.database();
            closed = database;
            database.migrate();
            instance.chatRepository().insert(chat);
            instance.messageRepository().insert(TestData.message(chat.id(), "hello", TestData.T0));
            instance.messageRepository().insert(TestData.message(chat.id(), "again", TestData.T0.plusSeconds(1)));
            firstPid = postmasterPid(dataDir);
            assertThat(database.isReachable()).isTrue();
            String listening = database.jdbi().withHandle(h -> h.createQuery("SHOW listen_addresses")
                    .mapTo(String.class).one());
            assertThat(listening).isEqualTo("127.0.0.1");
        }
        assertThat(isAlive(firstPid)).isFalse();
        assertThat(serving(dataDir)).isEmpty();
        assertThat(closed.isReachable()).isFalse();

        long secondPid;
        try (ServerInstance instance = new ServerInstance(open())) {
            instance.database().migrate(); // already up to date: a no-op
            assertThat(instance.chatRepository().findById(chat.id())).isPresent();
            assertThat(instance.messageRepository().findByChat(chat.id(), PageRequest.first(10)).items())
                    .extracting(m -> m.content()).containsExactly("hello", "again");
            secondPid = postmasterPid(dataDir);
        }
        assertThat(isAlive(secondPid)).isFalse();
        assertThat(serving(dataDir)).isEmpty();
    }

    @Test
    void startsDespiteAStalePidFileFromAKilledRun() throws Exception {
        Path dataDir = dir.resolve("postgres");
        open().close(); // initdb once

        // A pid file naming a live process that is not our postgres (here: this JVM); PostgreSQL alone refuses it.
        writePidFile(dataDir, ProcessHandle.current().pid());
        try (Database database = open()) {
            assertThat(database.isReachable()).isTrue();
        }

        // A pid file naming a process that has exited.
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        writePidFile(dataDir, finished.pid());
        try (Database database = open()) {
            assertThat(database.isReachable()).isTrue();
        }
        assertThat(serving(dataDir)).isEmpty();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void stopsTheOrphanedServerOfAKilledJvmAndKeepsItsData() throws Exception {
        Path dataDir = dir.resolve("postgres");
        Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                OrphanedServerMain.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String chatId;
        try {
            chatId = awaitReady(child);
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        long orphanPid = postmasterPid(dataDir);
        assertThat(isAlive(orphanPid)).as("postmaster outlives its killed JVM").isTrue();

        try (ServerInstance instance = new ServerInstance(open())) {
            assertThat(isAlive(orphanPid)).isFalse();
            assertThat(instance.chatRepository().findById(new ChatId(chatId))).isPresent();
        }
        assertThat(serving(dataDir)).isEmpty();
    }

    private Database open() {
        return Database.open(DatabaseSettings.embedded(dir));
    }

    private static void writePidFile(Path dataDir, long pid) throws Exception {
        Files.write(dataDir.resolve(StalePostmaster.PID_FILE), List.of(Long.toString(pid), dataDir.toString()));
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String awaitReady(Process child) throws Exception {
        BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("READY ")) {
                return line.substring("READY ".length()).trim();
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("child JVM exited before it was ready:\n" + seen);
    }
}
