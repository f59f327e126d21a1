package com.chimti.ai.adapter.out.openaistub;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.openaistub.OpenAiStubProvider.StubSettings;
import com.chimti.ai.core.domain.action.ActionField;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.ActionProposals;
import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.action.ProposalOutcome;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stub proposes the action a message asks for, deterministically, and answers with the outcome. */
class StubProposalsTest {
    private static final TenantUser ALICE = new TenantUser(new ClientId("c1"), new UserId("alice"));
    private static final ActionSpec SUMMARY = new ActionSpec("export_summary", List.of(
            ActionField.requiredText("title", 200), ActionField.requiredText("summary", 20_000),
            ActionField.brand(true)), Set.of(Role.BRAND_ADMIN), true);
    private static final ActionSpec MESSAGE = new ActionSpec("draft_customer_message", List.of(
            ActionField.requiredText("customerName", 200), ActionField.oneOf("channel", Set.of("sms", "email")),
            ActionField.optionalText("body", 200), ActionField.location(false)), Set.of(Role.BRAND_ADMIN), true);

    private final OpenAiStubProvider provider =
            new OpenAiStubProvider(new StubSettings(Duration.ZERO, Duration.ofMinutes(1)), Clock.systemUTC());

    /** Records proposals; brand "brand-9" is outside the caller's scope. */
    private static final class Recording implements ActionProposals {
        final List<Map<String, Object>> inputs = new ArrayList<>();
        final List<String> types = new ArrayList<>();

        @Override
        public List<ActionSpec> offered() {
            return List.of(SUMMARY, MESSAGE);
        }

        @Override
        public ProposalOutcome propose(String actionType, Map<String, Object> input) {
            types.add(actionType);
            inputs.add(input);
            boolean outside = "brand-9".equals(input.get("brandId"));
            return ProposalOutcome.recorded(new AiAction(new ActionId("a" + types.size()), new ChatId("chat-1"), ALICE,
                    actionType, outside ? ActionStatus.REJECTED : ActionStatus.PROPOSED, input,
                    outside ? Map.of("reason", "out_of_scope", "detail", "brand") : Map.of(), Instant.now(), null));
        }
    }

    private static CompletionRequest request(String text, ActionProposals proposals) {
        return new CompletionRequest(ALICE, new BrandId("brand-1"), null, new ChatId("chat-1"),
                List.of(new PromptMessage(MessageRole.USER, text)), null, "stub-small", Duration.ofSeconds(5), null,
                proposals);
    }

    @Test
    void aMessageAskingForAnActionProposesItFilledFromTheChatAndSaysSo() {
        Recording proposals = new Recording();
        CompletionResult result = provider.complete(request("Please propose export_summary title=\"Q3 tyres\"",
                proposals));

        assertThat(proposals.types).containsExactly("export_summary");
        assertThat(proposals.inputs.get(0)).isEqualTo(Map.of("title", "Q3 tyres", "summary", "stub summary",
                "brandId", "brand-1"));
        assertThat(result.text()).isEqualTo("I proposed export_summary. Confirm or reject it.");
    }

    @Test
    void requiredChoicesTakeTheFirstAllowedValueAndOptionalFieldsStayOut() {
        Recording proposals = new Recording();
        provider.complete(request("propose draft_customer_message customerName=Ana", proposals));
        assertThat(proposals.inputs.get(0)).isEqualTo(Map.of("customerName", "Ana", "channel", "email"));
    }

    @Test
    void aProposalTheBackendRejectsIsAnsweredWithItsReason() {
        Recording proposals = new Recording();
        CompletionResult result = provider.complete(request("propose export_summary brandId=brand-9", proposals));
        assertThat(result.text()).isEqualTo("The proposal export_summary was rejected: out_of_scope.");
    }

    @Test
    void withoutAnOfferOrAnAskItAnswersAsAlways() {
        Recording proposals = new Recording();
        assertThat(provider.complete(request("what can you propose?", proposals)).text()).startsWith("Stub answer");
        assertThat(provider.complete(request("propose export_summary", ActionProposals.NONE)).text())
                .startsWith("Stub answer");
        assertThat(proposals.types).isEmpty();
    }
}
