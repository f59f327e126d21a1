package com.chimti.ai.adapter.out.persistence.action;

import com.chimti.ai.adapter.out.persistence.sql.Rows;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.TaskNote;
import com.chimti.ai.core.port.out.TaskNoteRepository;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** ai_task_notes; a second note for the same action violates the unique action_id and throws. */
public final class JdbiTaskNoteRepository implements TaskNoteRepository {
    private final ActionTablesDao dao;

    public JdbiTaskNoteRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(ActionTablesDao.class);
    }

    @Override
    public void insert(TaskNote note) {
        dao.insertNote(Rows.bindings(TaskNoteRow.of(note)));
    }

    @Override
    public Optional<TaskNote> findByAction(ActionId actionId) {
        return dao.findNote(actionId.value()).map(TaskNoteRow::toDomain);
    }
}
