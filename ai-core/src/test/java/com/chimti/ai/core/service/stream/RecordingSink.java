package com.chimti.ai.core.service.stream;

import com.chimti.ai.core.port.in.StreamEvent;
import com.chimti.ai.core.port.in.StreamSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for a connection: records {@code "<id> <name> <data>"} per event and {@code ": keep-alive"}; can hold
 * its first write until released (a client that reads slowly), or be gone after some events (a client that left).
 */
final class RecordingSink implements StreamSink {
    final List<String> written = new CopyOnWriteArrayList<>();
    final CountDownLatch writing = new CountDownLatch(1);
    final CountDownLatch release;
    private final int goneAfter;

    private RecordingSink(boolean slow, int goneAfter) {
        this.release = new CountDownLatch(slow ? 1 : 0);
        this.goneAfter = goneAfter;
    }

    static RecordingSink reading() {
        return new RecordingSink(false, Integer.MAX_VALUE);
    }

    static RecordingSink slow() {
        return new RecordingSink(true, Integer.MAX_VALUE);
    }

    /** A client that reads {@code events} events and then leaves. */
    static RecordingSink goneAfter(int events) {
        return new RecordingSink(false, events);
    }

    @Override
    public boolean send(List<StreamEvent> events) {
        events.forEach(e -> written.add(e.id() + " " + e.name() + " " + e.data()));
        writing.countDown();
        try {
            return release.await(10, TimeUnit.SECONDS) && written.size() <= goneAfter;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean keepAlive() {
        written.add(": keep-alive");
        return written.size() <= goneAfter;
    }

    /** The names of the events written, keep-alives left out. */
    List<String> names() {
        return written.stream().filter(line -> !line.startsWith(":")).map(line -> line.split(" ", 3)[1]).toList();
    }
}
