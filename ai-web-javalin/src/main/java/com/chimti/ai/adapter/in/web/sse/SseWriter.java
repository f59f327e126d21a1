package com.chimti.ai.adapter.in.web.sse;

import com.chimti.ai.adapter.in.web.http.ResponseHeaders;
import com.chimti.ai.core.port.in.StreamEvent;
import com.chimti.ai.core.port.in.StreamSink;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one writer of Server-Sent Events: frames go straight to the servlet response (bypassing Javalin's buffering
 * and compression, so each event leaves at once). Opens the stream (200, {@code text/event-stream}) on the first
 * write; a failed write means the client left, and later writes are dropped quietly. Holds no queue: a write blocks
 * until the socket takes it (a client that reads nothing is ended by Jetty's idle timeout). Safe to call from
 * several threads. Counted as an active stream until closed; closing also stops every further write, since nothing
 * may write to a finished response.
 */
public final class SseWriter implements StreamSink, AutoCloseable {
    private final HttpServletResponse res;
    private final Runnable onClose;
    private ServletOutputStream out;
    private boolean gone;
    private boolean closed;

    /** @param onClose called once, when the writer is closed */
    SseWriter(Context ctx, Runnable onClose) {
        this.res = ctx.res();
        this.onClose = onClose;
    }

    @Override
    public synchronized boolean send(List<StreamEvent> events) {
        return write(events.stream().map(SseWriter::frame).toList());
    }

    @Override
    public boolean keepAlive() {
        return comment("keep-alive");
    }

    /** A comment line (ignored by clients); opens the stream like any write. */
    public synchronized boolean comment(String text) {
        return write(List.of(": " + text + "\n\n"));
    }

    static String frame(StreamEvent event) {
        return "id: " + event.id() + "\nevent: " + event.name() + "\ndata: " + event.data() + "\n\n";
    }

    private boolean write(List<String> frames) {
        if (gone) {
            return false;
        }
        try {
            open();
            for (String frame : frames) {
                out.write(frame.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        } catch (IOException | IllegalStateException clientLeft) {
            gone = true;
        }
        return !gone;
    }

    private void open() throws IOException {
        if (out != null) {
            return;
        }
        res.setStatus(200);
        res.setContentType("text/event-stream;charset=utf-8");
        res.setHeader("Cache-Control", ResponseHeaders.NO_STORE);
        res.setHeader("X-Content-Type-Options", ResponseHeaders.NOSNIFF);
        res.setHeader("X-Accel-Buffering", "no");
        out = res.getOutputStream();
    }

    @Override
    public void close() {
        synchronized (this) {
            gone = true;
            if (closed) {
                return;
            }
            closed = true;
        }
        onClose.run();
    }
}
