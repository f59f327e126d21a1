package com.chimti.ai.core.service.oneshot;

import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.billing.TurnSettlement;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.CappedText;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.context.AiContext;
import com.chimti.ai.core.domain.redaction.Redaction;
import com.chimti.ai.core.domain.redaction.SecretRedactor;
import com.chimti.ai.core.domain.skill.PromptFence;
import com.chimti.ai.core.domain.skill.Skill;
import com.chimti.ai.core.domain.skill.SkillCatalog;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.turn.CancellationSignal;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.in.AskOnce;
import com.chimti.ai.core.port.in.AskOnceCommand;
import com.chimti.ai.core.port.in.AskOnceMeta;
import com.chimti.ai.core.port.in.AskOnceMode;
import com.chimti.ai.core.port.in.AskOnceResult;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.TurnListener;
import com.chimti.ai.core.service.provider.ModelChoice;
import com.chimti.ai.core.service.provider.Providers;
import com.chimti.ai.core.service.turn.TurnEnvelope;
import com.chimti.ai.core.service.turn.TurnPlan;
import com.chimti.ai.core.service.turn.TurnSteps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One-shot calls: no chat, no stored messages, one provider turn. In order: AI access; input checks (message,
 * mode, skill on the allowlist, {@code extra} against the skill's schema); redaction of every free text (message,
 * context, string extras, history) with {@link SecretRedactor}; caps with a visible marker; the prompt (tool mode:
 * the skill's template with the input as fenced data); then one {@link TurnEnvelope} turn in no chat (no brand,
 * the client's wallet), streamed to the listener, with a usage entry (kind {@code one_shot} or
 * {@code tool:<skill>}), also when the provider fails.
 *
 * <p>Redaction runs before the cap, so a secret that straddles the cut can never leave a recognisable fragment
 * behind; the cap then counts the redacted text. Nothing here logs or stores content.
 */
public final class OneShotService implements AskOnce {
    static final String CHAT_KIND = "one_shot";
    static final String TOOL_KIND_PREFIX = "tool:";

    private final Providers providers;
    private final ModelChoice modelChoice;
    private final AiAccessPolicy accessPolicy;
    private final SkillCatalog skills;
    private final SecretRedactor redactor;
    private final OneShotSettings settings;
    private final TurnEnvelope envelope;

    /**
     * @param envelope admission, billing (on the client's wallet: one-shot calls have no brand, so they count
     *                 against the user's limits only), settlement and draining of every call
     */
    public OneShotService(Providers providers, ModelChoice modelChoice, AiAccessPolicy accessPolicy,
                          SkillCatalog skills, SecretRedactor redactor, OneShotSettings settings,
                          TurnEnvelope envelope) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.modelChoice = Objects.requireNonNull(modelChoice, "modelChoice");
        this.accessPolicy = Objects.requireNonNull(accessPolicy, "accessPolicy");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.envelope = Objects.requireNonNull(envelope, "envelope");
    }

    @Override
    public List<Skill> skills(Caller caller) {
        accessPolicy.requireAccess(caller);
        return skills.skills();
    }

    @Override
    public AskOnceResult ask(AskOnceCommand command, TurnListener listener) {
        Objects.requireNonNull(command, "command");
        TurnListener events = listener == null ? TurnListener.NONE : listener;
        Caller caller = command.caller();
        accessPolicy.requireAccess(caller);
        if (command.message() == null || command.message().isBlank()) {
            throw new ValidationException("message must not be blank");
        }
        Skill skill = null;
        Map<String, Object> extra = Map.of();
        if (command.mode() == AskOnceMode.TOOL) {
            if (command.skill() == null || command.skill().isBlank()) {
                throw new ValidationException("skill is required when mode is 'tool'");
            }
            skill = skills.require(command.skill());
            extra = skill.validateExtra(command.extra());
        } else if (command.skill() != null || !command.extra().isEmpty()) {
            throw new ValidationException("skill and extra are only accepted when mode is 'tool'");
        }
        AiProvider provider = providers.resolve(command.provider());
        String model = modelChoice.currentModel(caller.tenantUser(), provider);

        Input input = new Input();
        String message = input.prepare(command.message(), settings.maxInputChars());
        String context = command.context() == null || command.context().isBlank() ? null
                : input.prepare(command.context(), settings.maxContextChars());
        Map<String, Object> arguments = new LinkedHashMap<>();
        extra.forEach((key, value) -> arguments.put(key, value instanceof String text ? input.redact(text) : value));
        List<PromptMessage> prompt = new ArrayList<>();
        List<PromptMessage> history = command.history();
        if (history.size() > settings.maxHistoryMessages()) {
            history = history.subList(history.size() - settings.maxHistoryMessages(), history.size());
            input.truncated = true;
        }
        for (PromptMessage earlier : history) {
            prompt.add(new PromptMessage(earlier.role(), input.prepare(earlier.content(), settings.maxInputChars())));
        }
        String text = skill != null ? skill.render(message, context, arguments) : chatPrompt(message, context);
        prompt.add(new PromptMessage(MessageRole.USER, text));

        CompletionRequest request = new CompletionRequest(caller.tenantUser(), null, null, null, prompt,
                AiContext.EMPTY, model, settings.timeout(), null);
        String kind = skill == null ? CHAT_KIND : TOOL_KIND_PREFIX + skill.name();
        TurnPlan plan = new TurnPlan(caller, provider, model, null, null, kind);
        return envelope.run(plan, new OneShotCall(request, events, input, skill, arguments));
    }

    /** One call's own steps: the request is ready before the envelope runs, and nothing is stored with it. */
    private record OneShotCall(CompletionRequest request, TurnListener listener, Input input, Skill skill,
                               Map<String, Object> arguments) implements TurnSteps<AskOnceResult> {
        @Override
        public Sent sent() {
            return new Sent(request.messages(), null);
        }

        @Override
        public CompletionRequest request(CancellationSignal cancellation, Instant started) {
            return request; // no chat: nothing to cancel it by
        }

        @Override
        public AiMessage answer(CompletionResult result, String model, long credits, Instant started,
                                Instant finished) {
            return null;
        }

        @Override
        public AskOnceResult result(CompletionResult result, String model, TurnSettlement settled) {
            AskOnceMeta meta = new AskOnceMeta(settled.usage().provider(), model,
                    settled.usage().duration().toMillis(), result.usage().inputTokens(),
                    result.usage().outputTokens(), settled.charge(), input.redactions, input.truncated,
                    skill == null ? null : skill.name(), result.outcome());
            Map<String, Object> toolResult = null;
            if (skill != null) {
                toolResult = new LinkedHashMap<>();
                toolResult.put("output", result.text());
                toolResult.put("skill", skill.name());
                toolResult.put("arguments", arguments);
            }
            return new AskOnceResult(result.text(), toolResult, meta);
        }
    }

    /** Chat mode: the caller's message is the question; the context goes after it as fenced data. */
    private static String chatPrompt(String message, String context) {
        if (context == null) {
            return message;
        }
        PromptFence fence = PromptFence.unusedIn(message, context);
        return message + "\n\n" + fence.preamble() + "\n\n" + fence.block("context", context);
    }

    /** Redaction and caps of one call's free text, with their running totals. */
    private final class Input {
        int redactions;
        boolean truncated;

        String redact(String text) {
            Redaction redaction = redactor.redact(text);
            redactions += redaction.total();
            return redaction.text();
        }

        String prepare(String text, int cap) {
            CappedText capped = CappedText.cap(redact(text), cap);
            truncated |= capped.truncated();
            return capped.text();
        }
    }
}
