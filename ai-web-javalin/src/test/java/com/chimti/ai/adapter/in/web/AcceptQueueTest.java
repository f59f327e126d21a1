package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.chimti.ai.adapter.in.web.auth.JwtCallerAuthenticator;
import com.chimti.ai.adapter.in.web.auth.JwtSettings;
import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.service.oneshot.OneShotSettings;
import com.chimti.ai.core.service.stream.StreamSettings;
import com.chimti.ai.core.testing.CoreFixture;
import com.chimti.ai.core.testing.OneShotFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The listener's accept queue is the configured one, on the connector and in the kernel's listening socket. */
class AcceptQueueTest {

    @Test
    void theConfiguredAcceptQueueReachesTheListeningSocket() throws Exception {
        int queue = 777;
        AiWebServer server = server(new WebSettings("127.0.0.1", 0, WebSettings.DEFAULT_MAX_BODY_BYTES, queue));
        int port = server.start();
        try {
            assertThat(server.acceptQueueSize()).isEqualTo(queue);
            // what the kernel holds: for a listening socket, ss shows the backlog as Send-Q
            assertThat(listenBacklog(port)).isEqualTo(Math.min(queue, somaxconn()));
        } finally {
            server.stop();
        }
    }

    @Test
    void theDefaultIsAtLeast1024NotJavas50() throws Exception {
        AiWebServer server = server(new WebSettings("127.0.0.1", 0));
        int port = server.start();
        try {
            assertThat(server.acceptQueueSize()).isEqualTo(WebSettings.DEFAULT_ACCEPT_QUEUE)
                    .isGreaterThanOrEqualTo(1024);
            assertThat(listenBacklog(port)).isEqualTo(Math.min(1024, somaxconn()));
        } finally {
            server.stop();
        }
    }

    @Test
    void anAcceptQueueOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new WebSettings("127.0.0.1", 0, 1024, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebSettings("127.0.0.1", 0, 1024, 65536))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static AiWebServer server(WebSettings settings) {
        CoreFixture core = new CoreFixture();
        return AiWebServer.builder().chats(core.chatService).converse(core.conversationService)
                .streams(WebTestBase.streaming(core, core.conversationService,
                        OneShotFixture.service(core, OneShotSettings.DEFAULTS), StreamSettings.defaults()))
                .account(core.accountService).models(core.accountService)
                .authenticator(new JwtCallerAuthenticator(JwtSettings.hs256(TestTokens.SECRET)))
                .settings(settings).build();
    }

    private static int somaxconn() throws IOException {
        // read as a stream: procfs reports size 0, and Files.readString then stops after the first byte
        try (var in = Files.newInputStream(Path.of("/proc/sys/net/core/somaxconn"))) {
            return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }

    /** Send-Q of the listening socket on the port, from {@code ss -ltnH} (run without a shell). */
    private static int listenBacklog(int port) throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")))
                .as("ss (iproute2) is installed").isTrue();
        Process ss = new ProcessBuilder(List.of("ss", "-ltnH", "sport = :" + port)).redirectErrorStream(true)
                .start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
        // State Recv-Q Send-Q Local-Address:Port Peer-Address:Port
        String[] fields = out.strip().split("\\s+");
        assertThat(fields.length).as(out).isGreaterThanOrEqualTo(4);
        return Integer.parseInt(fields[2]);
    }
}
