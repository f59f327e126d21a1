package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.TaskNote;
import com.chimti.ai.core.port.out.TaskNoteRepository;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reference behaviour of {@link TaskNoteRepository}: one note per action. */
public final class InMemoryTaskNotes implements TaskNoteRepository {
    private final List<TaskNote> notes = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void insert(TaskNote note) {
        if (findByAction(note.actionId()).isPresent()) {
            throw new IllegalStateException("a note for this action exists");
        }
        notes.add(note);
    }

    @Override
    public Optional<TaskNote> findByAction(ActionId actionId) {
        return notes.stream().filter(n -> n.actionId().equals(actionId)).findFirst();
    }

    public List<TaskNote> all() {
        return List.copyOf(notes);
    }
}
