package com.chimti.ai.adapter.in.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An SSE request on a plain socket, so a test can read a stream line by line and then drop the connection
 * mid-stream like a client that went away. Lines are raw (chunk sizes included), which is fine for matching.
 */
final class RawSse implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;

    private RawSse(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    static RawSse open(int port, String method, String path, String token, String json) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000); // no read waits longer
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nAccept: text/event-stream\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
        return new RawSse(socket);
    }

    /** Reads until a line starts with {@code prefix} and returns it; fails at the end of the stream. */
    String readUntil(String prefix) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the stream ended before a line starting with '" + prefix + "'");
    }

    /** Drops the connection at once (no more reads), as a closed tab or a lost network would. */
    @Override
    public void close() throws IOException {
        socket.setSoLinger(true, 0); // reset, so the server's next write fails
        socket.close();
    }
}
