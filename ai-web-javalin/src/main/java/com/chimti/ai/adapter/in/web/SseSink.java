package com.chimti.ai.adapter.in.web;

import java.util.List;

/** Where one SSE connection's frames go. Every method answers false once the client is gone. */
interface SseSink {
    boolean entries(List<TurnJournal.Entry> entries);

    boolean event(String id, String name, String json);

    boolean comment(String text);
}
