package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.AuthThrottleSettings;
import com.chimti.ai.adapter.in.web.auth.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Repeated authentication failures from one address over HTTP: past the limit that address gets 429 with
 * Retry-After, even with a valid token, while another address (127.0.0.2, also loopback) is served.
 */
class AuthThrottleRoutesTest extends WebTestBase {
    private static final int MAX_FAILURES = 3;

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        return builder.authThrottle(new AuthThrottleSettings(MAX_FAILURES, Duration.ofMinutes(1), 100));
    }

    @Test
    void anAddressPastItsFailuresIsRefusedWith429UntilTheWindowPassesAndOthersAreServed() throws Exception {
        assertThat(get("/v1/ai/chats", adminToken).statusCode()).isEqualTo(200);
        for (int i = 0; i < MAX_FAILURES + 1; i++) {
            assertProblem(get("/v1/ai/chats", TestTokens.wronglySigned(admin)), 401, "unauthenticated");
        }

        HttpResponse<String> blocked = get("/v1/ai/chats", adminToken);
        assertProblem(blocked, 429, "rate_limited");
        assertThat(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(blocked.headers().firstValue("RateLimit")).isEmpty();
        assertProblem(get("/v1/ai/chats", null), 429, "rate_limited"); // not even a token is asked for
        assertThat(get("/healthz", null).statusCode()).as("public routes stay open").isEqualTo(200);

        assertThat(statusFrom("127.0.0.2", "/v1/ai/chats", adminToken)).as("another address").isEqualTo(200);
    }

    /** One plain HTTP/1.1 GET from a chosen local address (the JDK client cannot pick one). */
    private int statusFrom(String localAddress, String path, String token) throws IOException {
        URI uri = URI.create(base);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII); // "HTTP/1.1 200"
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
