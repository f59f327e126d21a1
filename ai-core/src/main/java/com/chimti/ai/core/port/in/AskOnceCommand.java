package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.tenancy.Caller;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stateless question: nothing is stored but the usage entry.
 *
 * @param caller   who asks
 * @param mode     {@code CHAT} (an answer) or {@code TOOL} (an allowlisted skill's result)
 * @param message  the question or the skill's input; must not be blank (checked by the use case)
 * @param context  optional material to work on (a stack trace, a document...), treated as data
 * @param skill    the skill's name; required for {@code TOOL}, not accepted for {@code CHAT}
 * @param extra    the skill's parameters; empty for {@code CHAT}; null values are kept (and refused as mistyped)
 * @param provider the provider's name; null means the default provider
 * @param history  earlier turns for the legacy endpoint (user and assistant only); empty otherwise
 */
public record AskOnceCommand(Caller caller, AskOnceMode mode, String message, String context, String skill,
                             Map<String, Object> extra, String provider, List<PromptMessage> history) {
    public AskOnceCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(mode, "mode");
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        history = history == null ? List.of() : List.copyOf(history);
        for (PromptMessage earlier : history) {
            if (earlier.role() != MessageRole.USER && earlier.role() != MessageRole.ASSISTANT) {
                throw new ValidationException("history roles must be 'user' or 'assistant'");
            }
        }
    }

    public static AskOnceCommand chat(Caller caller, String message, String context) {
        return new AskOnceCommand(caller, AskOnceMode.CHAT, message, context, null, Map.of(), null, List.of());
    }

    public static AskOnceCommand tool(Caller caller, String skill, String message, String context,
                                      Map<String, Object> extra) {
        return new AskOnceCommand(caller, AskOnceMode.TOOL, message, context, skill, extra, null, List.of());
    }

    /** The same command with earlier turns (legacy endpoint). */
    public AskOnceCommand withHistory(List<PromptMessage> earlier) {
        return new AskOnceCommand(caller, mode, message, context, skill, extra, provider, earlier);
    }

    /** The same command on the named provider. */
    public AskOnceCommand onProvider(String name) {
        return new AskOnceCommand(caller, mode, message, context, skill, extra, name, history);
    }
}
