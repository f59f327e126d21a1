package com.chimti.ai.adapter.in.web;

import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes Server-Sent Events straight to the servlet response (bypassing Javalin's buffering and compression, so
 * each event leaves at once). Opens on the first write; a failed write means the client left, and later writes
 * are dropped quietly. Holds no queue: a write blocks until the socket takes it (a client that reads nothing is
 * ended by Jetty's idle timeout). Safe to call from several threads.
 */
final class SseWriter implements SseSink {
    private final HttpServletResponse res;
    private ServletOutputStream out;
    private boolean gone;

    SseWriter(Context ctx) {
        this.res = ctx.res();
    }

    synchronized boolean isOpen() {
        return out != null;
    }

    synchronized boolean isGone() {
        return gone;
    }

    @Override
    public synchronized boolean event(String id, String name, String json) {
        return write(List.of(TurnJournal.Entry.frame(id, name, json)));
    }

    @Override
    public synchronized boolean entries(List<TurnJournal.Entry> entries) {
        return write(entries.stream().map(TurnJournal.Entry::frame).toList());
    }

    @Override
    public synchronized boolean comment(String text) {
        return write(List.of(": " + text + "\n\n"));
    }

    /** Stops all further writes, e.g. once the response is finished. */
    synchronized void seal() {
        gone = true;
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
}
