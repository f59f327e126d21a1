package com.chimti.ai.adapter.out.codex.turn;

import com.chimti.ai.core.domain.action.ActionProposals;
import com.chimti.ai.core.domain.action.ActionTool;
import com.chimti.ai.core.domain.action.ProposalOutcome;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The action proposals of a chat turn as a Codex dynamic tool (app-server, experimental API): the
 * {@code dynamicTools} entry of {@code thread/start} and the answer to an {@code item/tool/call} request,
 * {@code {contentItems:[{type:"inputText", text}], success}}. The tool's name, description and schema come from
 * the core ({@link ActionTool}); the model's arguments are handed to the turn's {@link ActionProposals}, which
 * records the proposal. The model hears the outcome: awaiting the user's confirmation, or rejected and why.
 */
final class CodexActionTool {
    private static final Logger LOG = LoggerFactory.getLogger(CodexActionTool.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private CodexActionTool() {
    }

    /** The {@code dynamicTools} of a thread that offers {@code proposals}; empty when nothing is offered. */
    static ArrayNode dynamicTools(ActionProposals proposals) {
        ArrayNode tools = JSON.createArrayNode();
        if (!proposals.isEmpty()) {
            ActionTool tool = new ActionTool(proposals.offered());
            ObjectNode spec = tools.addObject();
            spec.put("type", "function");
            spec.put("name", tool.name());
            spec.put("description", tool.description());
            spec.set("inputSchema", JSON.valueToTree(tool.inputSchema()));
        }
        return tools;
    }

    /**
     * A stable digest of a thread's {@link #dynamicTools} ("" for none). A Codex thread keeps its tools when
     * resumed and {@code thread/resume} cannot change them, so a chat whose offer changed gets a new thread.
     */
    static String fingerprint(ArrayNode dynamicTools) {
        if (dynamicTools.isEmpty()) {
            return "";
        }
        try {
            return ChatThreads.sha256(JSON.writeValueAsString(dynamicTools));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the action tool could not be written", e);
        }
    }

    /** Runs one {@code item/tool/call} through {@code proposals}; the result to send back to the app-server. */
    static ObjectNode answer(ActionProposals proposals, JsonNode params) {
        String tool = params.path("tool").asText("");
        if (!ActionTool.NAME.equals(tool) || proposals.isEmpty()) {
            return result("There is no tool named " + tool + " in this conversation.", false);
        }
        ProposalOutcome outcome;
        try {
            outcome = ActionTool.propose(proposals, arguments(params.path("arguments")));
        } catch (RuntimeException unexpected) {
            // e.g. the database is unreachable: the model hears that nothing was recorded, the turn goes on
            LOG.warn("an action proposal could not be recorded: {}", unexpected.getClass().getSimpleName());
            outcome = ProposalOutcome.notRecorded("the backend could not record it right now");
        }
        LOG.debug("codex turn: the model proposed an action ({})",
                outcome.recorded() ? outcome.status().wireName() : "not recorded");
        return result(outcome.message(), outcome.accepted());
    }

    /** The answer to a tool call that is not run (the turn has ended). */
    static ObjectNode refusal(String reason) {
        return result("Nothing was done: " + reason + ".", false);
    }

    private static ObjectNode result(String text, boolean success) {
        ObjectNode result = JSON.createObjectNode();
        result.putArray("contentItems").addObject().put("type", "inputText").put("text", text);
        result.put("success", success);
        return result;
    }

    /** The arguments as a map; the CLI sends an object, but a JSON text or anything else is tolerated. */
    private static Map<String, Object> arguments(JsonNode arguments) {
        JsonNode node = arguments;
        if (node.isTextual()) {
            try {
                node = JSON.readTree(node.asText());
            } catch (JsonProcessingException malformed) {
                return Map.of();
            }
        }
        return node != null && node.isObject() ? JSON.convertValue(node, MAP) : Map.of();
    }
}
