package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Requests so broken that Jetty refuses them before Javalin still get a problem+json answer. */
class ProtocolErrorsTest extends WebTestBase {

    private String raw(String request) throws IOException {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void malformedUriIsAProblem() throws IOException {
        String response = raw("GET /v1/ai/chats/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).contains("Content-Type: application/problem+json", "\"code\":\"validation_failed\"");
        assertThat(response).doesNotContain("<html");
    }

    @Test
    void malformedContentLengthIsAProblem() throws IOException {
        String response = raw("POST /v1/ai/chats HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).contains("application/problem+json");
    }
}
