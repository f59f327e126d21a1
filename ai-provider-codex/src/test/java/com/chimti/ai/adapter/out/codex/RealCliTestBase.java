package com.chimti.ai.adapter.out.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.CodexSettings.ExecMode;
import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that run the real pinned CLI against one {@link FakeOpenAiServer} per test class (started
 * once, since it costs a port and threads; each test resets it), every test in a directory of its own. Public for
 * the tests of the adapter's sub-packages.
 */
public abstract class RealCliTestBase {
    protected static FakeOpenAiServer fake;

    @TempDir
    protected Path dir;

    @BeforeAll
    protected static void startFake() {
        fake = new FakeOpenAiServer();
    }

    @AfterAll
    protected static void stopFake() {
        fake.close();
    }

    /** Settings pointing the CLI at the fake (logins expire after 15 minutes), running turns in {@code mode}. */
    protected CodexSettings settings(ExecMode mode) {
        return fake.codexSettings(dir, Duration.ofMinutes(15)).withExecMode(mode);
    }

    /** Fails, saying why, unless the provider found its CLI ready. */
    protected static void assertReady(CodexProvider provider) {
        assertThat(provider.readiness().ready()).as(String.valueOf(provider.readiness().problem())).isTrue();
    }

    /** The Codex CLI processes this JVM started that are still alive. */
    protected static List<ProcessHandle> codexProcesses() {
        return processesEndingWith("codex");
    }

    /** The CLI processes and the bubblewrap processes (outside and the namespace's init) around them. */
    protected static List<ProcessHandle> codexProcessesAndWrappers() {
        List<ProcessHandle> all = new java.util.ArrayList<>(codexProcesses());
        all.addAll(processesEndingWith("bwrap"));
        return all;
    }

    private static List<ProcessHandle> processesEndingWith(String command) {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith(command)).orElse(false))
                .toList();
    }
}
