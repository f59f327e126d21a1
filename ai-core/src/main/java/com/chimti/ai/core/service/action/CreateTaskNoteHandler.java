package com.chimti.ai.core.service.action;

import com.chimti.ai.core.domain.TimeOrderedIds;
import com.chimti.ai.core.domain.action.ActionField;
import com.chimti.ai.core.domain.action.ActionHandler;
import com.chimti.ai.core.domain.action.ActionOutcome;
import com.chimti.ai.core.domain.action.ActionRequest;
import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.action.TaskNote;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.out.TaskNoteRepository;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code create_task_note}: a follow-up task note in the caller's brand (and location), written to
 * {@code ai_task_notes}. Input: {@code title} (required, 200), {@code body} (4,000), {@code dueDate} (free text,
 * 40), {@code brandId} (required, in scope), {@code locationId} (in scope). Every brand role may use it; it needs
 * the user's confirmation.
 */
public final class CreateTaskNoteHandler implements ActionHandler {
    public static final String TYPE = "create_task_note";
    private static final ActionSpec SPEC = new ActionSpec(TYPE,
            List.of(ActionField.requiredText("title", 200), ActionField.optionalText("body", 4000),
                    ActionField.optionalText("dueDate", 40), ActionField.brand(true), ActionField.location(false)),
            EnumSet.complementOf(EnumSet.of(Role.PLATFORM_ADMIN)), true);

    private final TaskNoteRepository notes;
    private final Clock clock;

    public CreateTaskNoteHandler(TaskNoteRepository notes, Clock clock) {
        this.notes = Objects.requireNonNull(notes, "notes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        TaskNote note = new TaskNote(TimeOrderedIds.next(), request.actionId(), request.caller().userId(),
                request.caller().clientId(), request.brandId(), request.locationId(), request.chatId(),
                request.text("title"),
                request.text("body"), request.text("dueDate"), clock.instant());
        notes.insert(note);
        return new ActionOutcome.Done(Map.of("taskNoteId", note.id(), "title", note.title()));
    }
}
