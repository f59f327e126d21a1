package com.chimti.ai.core.domain.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.tenancy.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActionToolTest {
    private static final ActionSpec NOTE = new ActionSpec("create_task_note",
            List.of(ActionField.requiredText("title", 200), ActionField.optionalText("body", 4000),
                    ActionField.brand(true)), EnumSet.of(Role.BRAND_ADMIN), true);
    private static final ActionSpec DRAFT = new ActionSpec("draft_customer_message",
            List.of(ActionField.oneOf("channel", Set.of("sms", "email")), ActionField.location(false)),
            EnumSet.of(Role.STORE), true);

    /** Records what it was asked to propose. */
    private static final class Recording implements ActionProposals {
        final List<Object[]> calls = new ArrayList<>();

        @Override
        public List<ActionSpec> offered() {
            return List.of(NOTE);
        }

        @Override
        public ProposalOutcome propose(String actionType, Map<String, Object> input) {
            calls.add(new Object[] {actionType, input});
            return ProposalOutcome.notRecorded("recorded by the test");
        }
    }

    @Test
    void theSchemaIsDerivedFromTheSpecs() {
        Map<String, Object> schema = new ActionTool(List.of(NOTE, DRAFT)).inputSchema();

        assertThat(schema).containsEntry("type", "object").containsEntry("required", List.of("actionType", "input"));
        Map<?, ?> properties = (Map<?, ?>) schema.get("properties");
        assertThat(((Map<?, ?>) properties.get("actionType")).get("enum"))
                .isEqualTo(List.of("create_task_note", "draft_customer_message"));
        List<?> inputs = (List<?>) ((Map<?, ?>) properties.get("input")).get("anyOf");
        Map<?, ?> note = (Map<?, ?>) inputs.get(0);
        assertThat(note.get("required")).isEqualTo(List.of("title", "brandId"));
        assertThat(List.copyOf(((Map<?, ?>) note.get("properties")).keySet())).isEqualTo(List.of("title", "body", "brandId"));
        Map<?, ?> draft = (Map<?, ?>) inputs.get(1);
        Map<?, ?> channel = (Map<?, ?>) ((Map<?, ?>) draft.get("properties")).get("channel");
        assertThat(channel.get("enum")).isEqualTo(List.of("email", "sms"));
    }

    @Test
    void theDescriptionNamesEveryTypeAndFieldAndSaysTheModelOnlyProposes() {
        String description = new ActionTool(List.of(NOTE, DRAFT)).description();

        assertThat(description).contains("create_task_note").contains("title (required, text, at most 200")
                .contains("draft_customer_message").contains("channel (required, one of email, sms)")
                .contains("You cannot carry out actions yourself").contains("Never claim");
        assertThat(ActionTool.NAME).isEqualTo("propose_action");
    }

    @Test
    void aToolNeedsAtLeastOneType() {
        assertThatThrownBy(() -> new ActionTool(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void argumentsAreHandedOnAsTypeAndInputEvenWhenFlattenedOrMalformed() {
        Recording proposals = new Recording();
        ActionTool.propose(proposals, Map.of("actionType", "create_task_note", "input", Map.of("title", "x")));
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("actionType", "create_task_note");
        flat.put("title", "y");
        ActionTool.propose(proposals, flat);
        ActionTool.propose(proposals, Map.of("actionType", 42, "input", "not an object"));
        ActionTool.propose(proposals, null);

        assertThat(proposals.calls.get(0)).containsExactly("create_task_note", Map.of("title", "x"));
        assertThat(proposals.calls.get(1)).containsExactly("create_task_note", Map.of("title", "y"));
        assertThat(proposals.calls.get(2)).containsExactly(null, Map.of());
        assertThat(proposals.calls.get(3)).containsExactly(null, Map.of());
    }

    @Test
    void noneOffersNothingAndRecordsNothing() {
        assertThat(ActionProposals.NONE.isEmpty()).isTrue();
        ProposalOutcome outcome = ActionProposals.NONE.propose("create_task_note", Map.of());
        assertThat(outcome.recorded()).isFalse();
        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.message()).contains("not recorded");
    }
}
