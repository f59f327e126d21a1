package com.chimti.ai.core.domain.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The one function the model is offered to propose actions: {@value #NAME} with arguments
 * {@code {"actionType": "<type>", "input": {...fields}}}. Its description and JSON Schema are derived from the
 * offered {@link ActionSpec}s, so a new handler shows up without touching any provider. One tool for all types
 * (rather than one per type) keeps the tool set stable, whatever the names of the action types.
 *
 * <p>The schema uses only keywords the Codex CLI passes through to the model ({@code type}, {@code properties},
 * {@code required}, {@code enum}, {@code description}, {@code anyOf}, {@code additionalProperties}); lengths are
 * stated in the descriptions. The backend validates every proposal again, whatever the schema said.
 */
public final class ActionTool {
    public static final String NAME = "propose_action";

    private final List<ActionSpec> specs;

    public ActionTool(List<ActionSpec> specs) {
        this.specs = List.copyOf(Objects.requireNonNull(specs, "specs"));
        if (this.specs.isEmpty()) {
            throw new IllegalArgumentException("a tool needs at least one action type");
        }
    }

    public String name() {
        return NAME;
    }

    public String description() {
        StringBuilder text = new StringBuilder()
                .append("Propose a backend action for the user to confirm. You cannot carry out actions yourself: ")
                .append("the backend records the proposal, checks it against the user's permissions and shows it ")
                .append("to the user, who confirms or rejects it. The result tells you whether the proposal was ")
                .append("recorded (it then awaits the user's confirmation) or rejected, and why. Never claim that ")
                .append("a proposed action was done. Action types:");
        for (ActionSpec spec : specs) {
            text.append("\n- ").append(spec.actionType()).append(": input fields ");
            List<String> fields = new ArrayList<>();
            for (ActionField field : spec.fields()) {
                fields.add(field.name() + " (" + fieldSummary(field) + ")");
            }
            text.append(String.join(", ", fields)).append('.');
        }
        return text.toString();
    }

    /** The JSON Schema of the arguments, as nested maps and lists (JSON-ready). */
    public Map<String, Object> inputSchema() {
        List<Object> inputs = new ArrayList<>();
        for (ActionSpec spec : specs) {
            Map<String, Object> properties = new LinkedHashMap<>();
            List<Object> required = new ArrayList<>();
            for (ActionField field : spec.fields()) {
                properties.put(field.name(), fieldSchema(field));
                if (field.required()) {
                    required.add(field.name());
                }
            }
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("type", "object");
            input.put("description", "input of " + spec.actionType());
            input.put("properties", properties);
            input.put("required", required);
            input.put("additionalProperties", false);
            inputs.add(input);
        }
        Map<String, Object> actionType = new LinkedHashMap<>();
        actionType.put("type", "string");
        actionType.put("description", "which action to propose");
        actionType.put("enum", specs.stream().map(ActionSpec::actionType).toList());
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("type", "object");
        input.put("description", "the input fields of the chosen action type");
        input.put("anyOf", inputs);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("actionType", actionType);
        properties.put("input", input);
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.of("actionType", "input"));
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * Hands the model's arguments to {@code proposals}. Lenient about shape, strict about content: a missing or
     * non-text {@code actionType} is proposed as unknown (and rejected), and when {@code input} is not an object
     * the other top-level keys are taken as the input (models sometimes flatten it).
     */
    public static ProposalOutcome propose(ActionProposals proposals, Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        Object type = args.get("actionType");
        Object given = args.get("input");
        Map<String, Object> input = new LinkedHashMap<>();
        if (given instanceof Map<?, ?> map) {
            map.forEach((key, value) -> input.put(String.valueOf(key), value));
        } else {
            args.forEach((key, value) -> {
                if (!"actionType".equals(key) && !"input".equals(key)) {
                    input.put(key, value);
                }
            });
        }
        return proposals.propose(type instanceof String text ? text : null, input);
    }

    private static Map<String, Object> fieldSchema(ActionField field) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "string");
        schema.put("description", fieldSummary(field));
        if (!field.allowedValues().isEmpty()) {
            schema.put("enum", List.copyOf(new TreeSet<>(field.allowedValues())));
        }
        return schema;
    }

    private static String fieldSummary(ActionField field) {
        String what = switch (field.type()) {
            case BRAND -> "a brand id of the user, see the business context";
            case LOCATION -> "a location id of the user, see the business context";
            case TEXT -> field.allowedValues().isEmpty()
                    ? "text, at most " + field.maxLength() + " characters"
                    : "one of " + String.join(", ", new TreeSet<>(field.allowedValues()));
        };
        return (field.required() ? "required, " : "optional, ") + what;
    }
}
