package com.chimti.ai.app.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP/1.1 load generator in the manner of {@code wrk}: one thread and one selector drive every
 * keep-alive connection; each connection sends its next GET as soon as the previous reply is complete. A
 * generator that ran a blocking thread per connection would add its own threads to the run queue of a 2-core
 * machine, and a reply would wait for its client thread to be scheduled, which the latency figures would then
 * blame on the server. It parses only the status and the framing ({@code Content-Length}, or chunked).
 */
final class ClosedLoopClient {
    /** What to request: a path, and a bearer token or null. */
    record Target(String path, String token) {
    }

    /**
     * Latencies (ns) of the 200 replies to the requests sent in the measured window, the errors (other statuses,
     * broken connections), and the CPU time this client's thread used in that window.
     */
    record Result(long[] latencies, int errors, long cpuNanos) {
    }

    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] LAST_CHUNK = {'\r', '\n', '0', '\r', '\n', '\r', '\n'};

    private final InetSocketAddress server;
    private final IntFunction<Target> targets;
    private long[] latencies = new long[1 << 16];
    private int measured;
    private int errors;
    private int next;

    ClosedLoopClient(int port, IntFunction<Target> targets) {
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.targets = targets;
    }

    /**
     * Runs {@code connections} connections until {@code endNanos}. Recorded: the requests sent from
     * {@code measureFromNanos} on and answered before {@code endNanos}; the ones before are the warm-up.
     */
    Result run(int connections, long measureFromNanos, long endNanos) throws IOException {
        try (Selector selector = Selector.open()) {
            for (int c = 0; c < connections; c++) {
                new Connection().open(selector);
            }
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuAtStart = -1;
            for (long now = System.nanoTime(); now < endNanos; now = System.nanoTime()) {
                if (cpuAtStart < 0 && now >= measureFromNanos) {
                    cpuAtStart = cpu.getCurrentThreadCpuTime();
                }
                selector.select(Math.max(1, (endNanos - now) / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    ((Connection) key.attachment()).ready(key, measureFromNanos);
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            long cpuUsed = cpuAtStart < 0 ? 0 : cpu.getCurrentThreadCpuTime() - cpuAtStart;
            return new Result(Arrays.copyOf(latencies, measured), errors, cpuUsed);
        }
    }

    private final class Connection {
        private SocketChannel channel;
        private ByteBuffer out;
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private long sentAt;

        void open(Selector selector) throws IOException {
            channel = SocketChannel.open(server);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, this);
            send(channel.keyFor(selector));
        }

        void ready(SelectionKey key, long measureFromNanos) {
            try {
                if (key.isValid() && key.isWritable()) {
                    flush(key);
                }
                if (key.isValid() && key.isReadable()) {
                    read(key, measureFromNanos);
                }
            } catch (IOException | RuntimeException e) {
                errors++;
                reconnect(key);
            }
        }

        private void send(SelectionKey key) throws IOException {
            Target target = targets.apply(next++);
            StringBuilder request = new StringBuilder(256).append("GET ").append(target.path())
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(server.getPort())
                    .append("\r\nAccept: application/json\r\n");
            if (target.token() != null) {
                request.append("Authorization: Bearer ").append(target.token()).append("\r\n");
            }
            out = ByteBuffer.wrap(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            in.clear();
            sentAt = System.nanoTime();
            flush(key);
        }

        private void flush(SelectionKey key) throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        private void read(SelectionKey key, long measureFromNanos) throws IOException {
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            if (channel.read(in) < 0) {
                throw new IOException("closed by the server");
            }
            int status = completeReply();
            if (status < 0) {
                return; // more to come
            }
            long done = System.nanoTime();
            if (status != 200) {
                errors++;
            } else if (sentAt >= measureFromNanos) {
                if (measured == latencies.length) {
                    latencies = Arrays.copyOf(latencies, measured * 2);
                }
                latencies[measured++] = done - sentAt;
            }
            send(key);
        }

        /** The status once the whole reply is in the buffer, else -1. */
        private int completeReply() {
            byte[] bytes = in.array();
            int length = in.position();
            int headerEnd = indexOf(bytes, length, HEADER_END);
            if (headerEnd < 0) {
                return -1;
            }
            String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            int status = Integer.parseInt(head.substring(9, 12));
            int bodyStart = headerEnd + HEADER_END.length;
            int contentLength = head.indexOf("\ncontent-length:");
            if (contentLength >= 0) {
                int valueEnd = head.indexOf('\r', contentLength);
                long size = Long.parseLong(head.substring(contentLength + 16, valueEnd < 0 ? head.length() : valueEnd)
                        .trim());
                return length - bodyStart >= size ? status : -1;
            }
            if (head.contains("\ntransfer-encoding: chunked")) {
                // a JSON body cannot hold a raw CR LF, so only the last chunk ends the data with "\r\n0\r\n\r\n"
                boolean emptyBody = Arrays.equals(bytes, bodyStart, length, LAST_CHUNK, 2, LAST_CHUNK.length);
                boolean lastChunk = length - bodyStart >= LAST_CHUNK.length
                        && Arrays.equals(bytes, length - LAST_CHUNK.length, length, LAST_CHUNK, 0, LAST_CHUNK.length);
                return emptyBody || lastChunk ? status : -1;
            }
            throw new IllegalStateException("a reply without a length: " + head.lines().findFirst().orElse(""));
        }

        private void reconnect(SelectionKey key) {
            try {
                key.cancel();
                channel.close();
                open(key.selector());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot reconnect to the server", e);
            }
        }
    }

    private static int indexOf(byte[] bytes, int length, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
