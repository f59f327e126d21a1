package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AI_HTTP_ACCEPT_QUEUE reaches the running server's listening socket, as the kernel reports it. */
class AcceptQueueSystemTest {

    @Test
    void theListenerHoldsTheConfiguredAcceptQueue(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(dir, Map.of("AI_HTTP_ACCEPT_QUEUE", "1500"))) {
            assertThat(listenBacklog(server.server.port())).isEqualTo(Math.min(1500, somaxconn()));
        }
    }

    @Test
    void byDefaultTheListenerHoldsAtLeast1024NotJavas50(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(dir, Map.of())) {
            assertThat(listenBacklog(server.server.port())).isEqualTo(Math.min(1024, somaxconn()));
        }
    }

    private static int somaxconn() throws Exception {
        try (var in = Files.newInputStream(Path.of("/proc/sys/net/core/somaxconn"))) {
            return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }

    /** Send-Q of the listening socket: its backlog ({@code ss -ltnH}, run without a shell). */
    private static int listenBacklog(int port) throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")))
                .as("ss (iproute2) is installed").isTrue();
        Process ss = new ProcessBuilder(List.of("ss", "-ltnH", "sport = :" + port)).redirectErrorStream(true)
                .start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String[] fields = out.strip().split("\\s+");
        assertThat(fields.length).as(out).isGreaterThanOrEqualTo(4);
        return Integer.parseInt(fields[2]);
    }
}
