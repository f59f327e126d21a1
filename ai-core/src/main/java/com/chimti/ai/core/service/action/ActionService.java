package com.chimti.ai.core.service.action;

import com.chimti.ai.core.domain.AiException;
import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.action.ActionHandler;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.ActionOutcome;
import com.chimti.ai.core.domain.action.ActionRequest;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.ActionValidation;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.action.RejectionReason;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.in.ManageActions;
import com.chimti.ai.core.port.out.ActionGateway;
import com.chimti.ai.core.port.out.ActionRepository;
import com.chimti.ai.core.port.out.AuditTrail;
import com.chimti.ai.core.port.out.ChatRepository;
import com.chimti.ai.core.service.chat.ChatService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The action lifecycle: {@code proposed -> rejected}, or {@code proposed -> confirmed -> executed | failed}.
 * Every move is one conditional write from the expected state ({@link ActionRepository#transition}), so of any
 * number of concurrent confirms of one proposal exactly one moves it to {@code confirmed} and runs the handler;
 * the others get a {@link ConflictException}. A proposal is validated when it arrives and again at confirmation
 * (roles or scope may have changed since), with the caller who confirms. An action is its owner's: the same
 * {@code sub} in the same client ({@link com.chimti.ai.core.domain.tenancy.TenantUser}); anyone else gets 404.
 * The user's decisions and their results are audited once each move succeeded (confirmed, rejected by the user,
 * executed, failed), with ids and the action's brand only, never its input.
 */
public final class ActionService implements ManageActions {
    static final String HANDLER_FAILED = "the action could not be completed";

    private final ActionRepository actions;
    private final ChatRepository chats;
    private final ActionGateway registry;
    private final AiAccessPolicy accessPolicy;
    private final AuditTrail audit;
    private final Clock clock;

    public ActionService(ActionRepository actions, ChatRepository chats, ActionGateway registry,
                         AiAccessPolicy accessPolicy, AuditTrail audit, Clock clock) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.chats = Objects.requireNonNull(chats, "chats");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.accessPolicy = Objects.requireNonNull(accessPolicy, "accessPolicy");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AiAction propose(Caller caller, ChatId chatId, String actionType, Map<String, Object> input) {
        accessPolicy.requireAccess(caller);
        if (chatId != null) {
            ChatService.ownedChat(chats, caller, chatId);
        }
        String type = actionType == null || actionType.isBlank() ? "unknown" : actionType.strip();
        if (type.length() > 64) {
            type = type.substring(0, 64);
        }
        AiAction proposed = new AiAction(ActionId.newId(), chatId, caller.tenantUser(), type, ActionStatus.PROPOSED,
                withoutNulls(input), Map.of(), clock.instant(), null);
        actions.insert(proposed);
        ActionValidation validation = registry.validate(caller, actionType, proposed.input());
        if (validation instanceof ActionValidation.Rejected rejected) {
            return move(proposed, ActionStatus.REJECTED, proposed.input(), rejection(rejected.reason(),
                    rejected.detail()), ActionStatus.PROPOSED);
        }
        ActionValidation.Valid valid = (ActionValidation.Valid) validation;
        AiAction cleaned = new AiAction(proposed.id(), chatId, proposed.owner(), type, ActionStatus.PROPOSED,
                valid.input(), Map.of(), proposed.createdAt(), null);
        if (!actions.transition(cleaned, ActionStatus.PROPOSED)) {
            throw new ConflictException("the action changed while it was being proposed");
        }
        if (valid.handler().spec().needsConfirmation()) {
            return cleaned;
        }
        return execute(caller, cleaned, valid, false);
    }

    @Override
    public List<AiAction> list(Caller caller, ChatId chatId) {
        accessPolicy.requireAccess(caller);
        if (chatId != null) {
            ChatService.ownedChat(chats, caller, chatId); // a filter naming a chat the caller cannot see is 404
        }
        return actions.findByOwner(caller.tenantUser(), chatId);
    }

    @Override
    public AiAction get(Caller caller, ActionId actionId) {
        accessPolicy.requireAccess(caller);
        return owned(caller, actionId);
    }

    @Override
    public AiAction confirm(Caller caller, ActionId actionId) {
        AiAction action = get(caller, actionId);
        requireProposed(action, "confirmed");
        ActionValidation validation = registry.validate(caller, action.actionType(), action.input());
        if (validation instanceof ActionValidation.Rejected rejected) {
            return moveOrConflict(action, ActionStatus.REJECTED,
                    rejection(rejected.reason(), rejected.detail()), "confirmed");
        }
        return execute(caller, action, (ActionValidation.Valid) validation, true);
    }

    @Override
    public AiAction reject(Caller caller, ActionId actionId) {
        AiAction action = get(caller, actionId);
        requireProposed(action, "rejected");
        AiAction rejected = moveOrConflict(action, ActionStatus.REJECTED,
                rejection(RejectionReason.REJECTED_BY_USER, "rejected by the user"), "rejected");
        record(caller, AuditEventType.ACTION_REJECTED, rejected);
        return rejected;
    }

    /**
     * proposed -> confirmed (only one caller wins), then the handler once, then executed or failed.
     * {@code confirmedByUser} is false for an action that runs without confirmation: no user decision to audit.
     */
    private AiAction execute(Caller caller, AiAction proposed, ActionValidation.Valid valid,
                             boolean confirmedByUser) {
        // what the handler writes carries the caller's tenant, so it must be the proposal's own
        if (!proposed.owner().equals(caller.tenantUser())) {
            throw new NotFoundException("action not found");
        }
        AiAction confirmed = with(proposed, ActionStatus.CONFIRMED, proposed.input(), Map.of(), false);
        if (!actions.transition(confirmed, ActionStatus.PROPOSED)) {
            throw conflict(proposed.id(), "confirmed");
        }
        if (confirmedByUser) {
            record(caller, AuditEventType.ACTION_CONFIRMED, confirmed);
        }
        ActionOutcome outcome = run(valid.handler(),
                new ActionRequest(proposed.id(), proposed.chatId(), caller, valid.input()));
        AiAction done = outcome instanceof ActionOutcome.Done ok
                ? with(confirmed, ActionStatus.EXECUTED, confirmed.input(), ok.result(), true)
                : with(confirmed, ActionStatus.FAILED, confirmed.input(),
                        Map.of("error", ((ActionOutcome.Failed) outcome).reason()), true);
        if (!actions.transition(done, ActionStatus.CONFIRMED)) {
            throw new IllegalStateException("a confirmed action changed while its handler ran");
        }
        record(caller, done.status() == ActionStatus.EXECUTED ? AuditEventType.ACTION_EXECUTED
                : AuditEventType.ACTION_FAILED, done);
        return done;
    }

    /** Ids and the brand only: the input may hold whatever the model wrote, so none of it is kept. */
    private void record(Caller caller, AuditEventType type, AiAction action) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("actionId", action.id().value());
        details.put("actionType", action.actionType());
        if (action.chatId() != null) {
            details.put("chatId", action.chatId().value());
        }
        audit.record(AuditEvent.by(caller, type, brandOf(action), details, clock.instant()));
    }

    /** The action's {@code brandId} field, validated in scope when the proposal was accepted; null when none. */
    private static BrandId brandOf(AiAction action) {
        Object brand = action.input().get("brandId");
        if (!(brand instanceof String text)) {
            return null;
        }
        try {
            return new BrandId(text);
        } catch (RuntimeException notAnId) {
            return null;
        }
    }

    private static ActionOutcome run(ActionHandler handler, ActionRequest request) {
        try {
            ActionOutcome outcome = handler.execute(request);
            return outcome == null ? new ActionOutcome.Failed(HANDLER_FAILED) : outcome;
        } catch (AiException rule) {
            return new ActionOutcome.Failed(rule.getMessage()); // domain messages are safe to show
        } catch (RuntimeException unexpected) {
            return new ActionOutcome.Failed(HANDLER_FAILED);
        }
    }

    private AiAction owned(Caller caller, ActionId actionId) {
        return actions.findById(actionId)
                .filter(action -> action.owner().equals(caller.tenantUser()))
                .orElseThrow(() -> new NotFoundException("action not found"));
    }

    private static void requireProposed(AiAction action, String verb) {
        if (action.status() != ActionStatus.PROPOSED) {
            throw new ConflictException("the action is " + action.status().wireName()
                    + "; only a proposed action can be " + verb);
        }
    }

    private AiAction moveOrConflict(AiAction action, ActionStatus to, Map<String, Object> result, String verb) {
        AiAction moved = with(action, to, action.input(), result, true);
        if (!actions.transition(moved, ActionStatus.PROPOSED)) {
            throw conflict(action.id(), verb);
        }
        return moved;
    }

    private AiAction move(AiAction action, ActionStatus to, Map<String, Object> input, Map<String, Object> result,
                          ActionStatus expected) {
        AiAction moved = with(action, to, input, result, true);
        if (!actions.transition(moved, expected)) {
            throw conflict(action.id(), "changed");
        }
        return moved;
    }

    private ConflictException conflict(ActionId id, String verb) {
        String now = actions.findById(id).map(a -> a.status().wireName()).orElse("gone");
        return new ConflictException("the action is " + now + "; only a proposed action can be " + verb);
    }

    private AiAction with(AiAction action, ActionStatus status, Map<String, Object> input,
                          Map<String, Object> result, boolean completed) {
        return new AiAction(action.id(), action.chatId(), action.owner(), action.actionType(), status, input,
                result, action.createdAt(), completed ? clock.instant() : null);
    }

    /** JSON {@code null}s from the model mean "not given"; the domain's immutable maps cannot hold them. */
    private static Map<String, Object> withoutNulls(Map<String, Object> input) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (input != null) {
            input.forEach((key, value) -> {
                if (key != null && value != null) {
                    copy.put(key, value);
                }
            });
        }
        return copy;
    }

    private static Map<String, Object> rejection(RejectionReason reason, String detail) {
        return Map.of("reason", reason.wireName(), "detail", detail);
    }
}
