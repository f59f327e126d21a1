package com.chimti.ai.core.domain.action;

import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import java.util.Objects;

/**
 * What proposing an action gave, as the model will read it: the recorded action (null when the proposal could not
 * even be recorded, e.g. too many in one turn) and a short text for the model. {@link #accepted()} is true when
 * the action waits for the user's confirmation or already ran; a rejected or failed one is not accepted.
 */
public record ProposalOutcome(AiAction action, boolean accepted, String message) {

    public ProposalOutcome {
        Objects.requireNonNull(message, "message");
    }

    /** The outcome of a recorded action, worded for the model by its status. */
    public static ProposalOutcome recorded(AiAction action) {
        Objects.requireNonNull(action, "action");
        String name = "Action " + action.id().value() + " (" + action.actionType() + ")";
        return switch (action.status()) {
            case PROPOSED -> new ProposalOutcome(action, true, name + " was recorded as a proposal and awaits the "
                    + "user's confirmation in the app. It has NOT been carried out: tell the user what you proposed "
                    + "and that they can confirm or reject it.");
            case CONFIRMED, EXECUTED -> new ProposalOutcome(action, true, name + " needed no confirmation and was "
                    + "carried out by the backend.");
            case FAILED -> new ProposalOutcome(action, false, name + " could not be carried out: "
                    + action.result().getOrDefault("error", "no reason given") + ".");
            case REJECTED -> new ProposalOutcome(action, false, name + " was rejected: "
                    + action.result().getOrDefault("reason", "rejected") + " ("
                    + action.result().getOrDefault("detail", "no detail") + "). Nothing was done; correct the "
                    + "proposal or tell the user why it cannot be made.");
        };
    }

    /** A proposal the backend refused to record at all; {@code reason} is safe to show. */
    public static ProposalOutcome notRecorded(String reason) {
        return new ProposalOutcome(null, false, "The proposal was not recorded: " + reason + ". Nothing was done.");
    }

    public boolean recorded() {
        return action != null;
    }

    public ActionStatus status() {
        return action == null ? null : action.status();
    }
}
