package com.chimti.ai.core.service.action;

import com.chimti.ai.core.domain.TimeOrderedIds;
import com.chimti.ai.core.domain.action.ActionField;
import com.chimti.ai.core.domain.action.ActionHandler;
import com.chimti.ai.core.domain.action.ActionOutcome;
import com.chimti.ai.core.domain.action.ActionRequest;
import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.action.MessageDraft;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.out.MessageDraftRepository;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code draft_customer_message}: a draft of a message to a customer, stored in {@code ai_message_drafts} for a
 * person to review and send; the backend never sends it. Input: {@code customerName} (required, 200),
 * {@code channel} (required: email, sms, whatsapp), {@code body} (required, 4,000), {@code brandId} (required,
 * in scope), {@code locationId} (in scope). Brand superadmins and admins, customer care and store users; needs
 * confirmation.
 */
public final class DraftCustomerMessageHandler implements ActionHandler {
    public static final String TYPE = "draft_customer_message";
    public static final Set<String> CHANNELS = Set.of("email", "sms", "whatsapp");
    private static final ActionSpec SPEC = new ActionSpec(TYPE,
            List.of(ActionField.requiredText("customerName", 200), ActionField.oneOf("channel", CHANNELS),
                    ActionField.requiredText("body", 4000), ActionField.brand(true), ActionField.location(false)),
            EnumSet.of(Role.BRAND_SUPERADMIN, Role.BRAND_ADMIN, Role.CUSTOMER_CARE, Role.STORE), true);

    private final MessageDraftRepository drafts;
    private final Clock clock;

    public DraftCustomerMessageHandler(MessageDraftRepository drafts, Clock clock) {
        this.drafts = Objects.requireNonNull(drafts, "drafts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        MessageDraft draft = new MessageDraft(TimeOrderedIds.next(), request.actionId(), request.caller().userId(),
                request.caller().clientId(), request.brandId(), request.locationId(), request.chatId(),
                request.text("customerName"),
                request.text("channel"), request.text("body"), clock.instant());
        drafts.insert(draft);
        return new ActionOutcome.Done(Map.of("messageDraftId", draft.id(), "channel", draft.channel()));
    }
}
