package com.chimti.ai.core.port.in;

import java.util.Optional;

/**
 * Chat turns and one-shot calls as streams of events that a client reads while they run. A streamed chat turn runs
 * on its own thread and keeps its events, numbered, in a bounded journal: every connection (the one that started
 * the turn and any that resumed it with the last event id it saw, on this instance or on another) reads the
 * journal at its own pace, so a slow or gone client never holds the turn up. A turn that nobody reads any more is
 * cancelled after a grace period, unless a client resumes it first (here or elsewhere).
 *
 * <p>The edge decides how each event is written ({@link StreamEncoder}) and where it goes ({@link StreamSink}).
 */
public interface StreamTurns {

    /**
     * Starts the turn of {@link Converse#send} on a worker thread and returns its stream once its first event is
     * kept. A turn refused before any event (no access, no such chat, limits, credits...) throws that failure here,
     * so the caller can still answer it as an ordinary error.
     */
    TurnStream send(SendMessageCommand command, StreamEncoder encoder) throws InterruptedException;

    /**
     * The chat's latest streamed turn, from the event after {@link ResumeStreamQuery#lastEventId()}: the one this
     * instance runs or kept, or one another instance runs or ran. Empty when no instance knows a recent turn of the
     * chat. Refuses a chat the caller may not read as {@link ManageChats#get} does.
     */
    Optional<TurnStream> resume(ResumeStreamQuery query, StreamEncoder encoder);

    /**
     * Runs the one-shot call of {@link AskOnce#ask} on the calling thread and writes its events to {@code sink} as
     * they come, with a keep-alive after each heartbeat of silence. Nothing is kept (there is no chat to resume).
     * A call refused before its first event throws, with nothing written; a failure after it ends the stream with
     * an error event.
     */
    void ask(AskOnceCommand command, StreamEncoder encoder, StreamSink sink);
}
