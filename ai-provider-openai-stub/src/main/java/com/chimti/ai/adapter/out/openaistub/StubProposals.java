package com.chimti.ai.adapter.out.openaistub;

import com.chimti.ai.core.domain.action.ActionField;
import com.chimti.ai.core.domain.action.ActionProposals;
import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.action.ActionTool;
import com.chimti.ai.core.domain.action.ProposalOutcome;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stub's stand-in for a model calling the action tool, so a front end can build and test the confirmation
 * flow offline: a message containing {@code propose <actionType>}, optionally followed by {@code field=value} or
 * {@code field="a value"} pairs, proposes that action through the turn's {@link ActionProposals}, exactly as
 * {@link ActionTool} does for a real model. Fields not given are filled from the chat (its brand and location)
 * or, when required, with a fixed text ({@code stub <field>}) or the first allowed value; so the same message in
 * the same chat always proposes the same input. The backend validates it as any proposal: a brand outside the
 * caller's scope comes back rejected ({@code out_of_scope}), and the answer says so.
 */
final class StubProposals {
    private static final Pattern ASK = Pattern.compile(
            "\\bpropose\\s+([a-z][a-z0-9_]*)((?:\\s+[A-Za-z][A-Za-z0-9]*=(?:\"[^\"]*\"|\\S+))*)");
    private static final Pattern PAIR = Pattern.compile("([A-Za-z][A-Za-z0-9]*)=(?:\"([^\"]*)\"|(\\S+))");

    /** The answer after proposing what the message asks for; empty when it asks for nothing or none is offered. */
    Optional<String> proposeIfAsked(CompletionRequest request) {
        ActionProposals proposals = request.proposals();
        Matcher ask = ASK.matcher(request.lastMessage().content());
        if (proposals.isEmpty() || !ask.find()) {
            return Optional.empty();
        }
        String actionType = ask.group(1);
        Map<String, Object> input = given(ask.group(2));
        proposals.offered().stream().filter(spec -> spec.actionType().equals(actionType)).findFirst()
                .ifPresent(spec -> fillIn(spec, request, input));
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("actionType", actionType);
        arguments.put("input", input);
        return Optional.of(answer(actionType, ActionTool.propose(proposals, arguments)));
    }

    private static Map<String, Object> given(String pairs) {
        Map<String, Object> input = new LinkedHashMap<>();
        Matcher pair = PAIR.matcher(pairs);
        while (pair.find()) {
            input.put(pair.group(1), pair.group(2) != null ? pair.group(2) : pair.group(3));
        }
        return input;
    }

    private static void fillIn(ActionSpec spec, CompletionRequest request, Map<String, Object> input) {
        for (ActionField field : spec.fields()) {
            if (input.containsKey(field.name())) {
                continue;
            }
            Object value = switch (field.type()) {
                case BRAND -> request.brandId() == null ? null : request.brandId().value();
                case LOCATION -> request.locationId() == null ? null : request.locationId().value();
                case TEXT -> !field.required() ? null
                        : field.allowedValues().isEmpty() ? "stub " + field.name()
                        : new TreeSet<>(field.allowedValues()).first();
            };
            if (value != null) {
                input.put(field.name(), value);
            }
        }
    }

    private static String answer(String actionType, ProposalOutcome outcome) {
        if (!outcome.recorded()) {
            return "The proposal " + actionType + " was not recorded.";
        }
        return switch (outcome.status()) {
            case PROPOSED -> "I proposed " + actionType + ". Confirm or reject it.";
            case REJECTED -> "The proposal " + actionType + " was rejected: "
                    + outcome.action().result().getOrDefault("reason", "rejected") + ".";
            case CONFIRMED, EXECUTED -> "I carried out " + actionType + ".";
            case FAILED -> "The action " + actionType + " failed.";
        };
    }
}
