package com.chimti.ai.adapter.in.web;

import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes Server-Sent Events straight to the servlet response (bypassing Javalin's buffering and compression, so
 * each event leaves at once). Opens on the first write; a failed write means the client left, and later writes
 * are dropped quietly. Safe to call from several threads.
 */
final class SseWriter {
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

    synchronized void event(String id, String name, String json) {
        write("id: " + id + "\nevent: " + name + "\ndata: " + json + "\n\n");
    }

    synchronized void comment(String text) {
        write(": " + text + "\n\n");
    }

    /** Stops all further writes, e.g. once the response is finished. */
    synchronized void seal() {
        gone = true;
    }

    private void write(String frame) {
        if (gone) {
            return;
        }
        try {
            open();
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | IllegalStateException clientLeft) {
            gone = true;
        }
    }

    private void open() throws IOException {
        if (out != null) {
            return;
        }
        res.setStatus(200);
        res.setContentType("text/event-stream;charset=utf-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no");
        out = res.getOutputStream();
    }
}
