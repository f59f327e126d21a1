package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.TaskNote;
import java.util.Optional;

/** The {@code ai_task_notes} table, written only by the create_task_note action. */
public interface TaskNoteRepository {

    void insert(TaskNote note);

    Optional<TaskNote> findByAction(ActionId actionId);
}
