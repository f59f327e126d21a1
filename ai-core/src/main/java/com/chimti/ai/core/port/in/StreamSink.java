package com.chimti.ai.core.port.in;

import java.util.List;

/** Where one connection's events go (the edge's writer). Each method answers false once the client is gone. */
public interface StreamSink {

    /** Writes the events, in order, and flushes them. */
    boolean send(List<StreamEvent> events);

    /** Tells a client on a silent stream that it is still open. */
    boolean keepAlive();
}
