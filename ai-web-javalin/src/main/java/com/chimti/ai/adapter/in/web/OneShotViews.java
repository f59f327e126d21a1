package com.chimti.ai.adapter.in.web;

import com.chimti.ai.core.domain.skill.Skill;
import com.chimti.ai.core.domain.skill.SkillParam;
import com.chimti.ai.core.port.in.AskOnceMeta;
import com.chimti.ai.core.port.in.AskOnceResult;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the one-shot routes. */
final class OneShotViews {
    private OneShotViews() {
    }

    /** {@code POST /chat}. */
    record AskRequest(String mode, String message, String context, String skill, Map<String, Object> extra) {
    }

    /** {@code POST /v1/ai/chat} (legacy). */
    record LegacyRequest(String message, List<HistoryItem> history) {
    }

    record HistoryItem(String role, String content) {
    }

    /** {@code meta}: {@code skill} only in tool mode. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MetaView(String provider, String model, long durationMs, long inputTokens, long outputTokens,
                    long credits, int redactions, boolean truncated, String skill) {
        static MetaView of(AskOnceMeta meta) {
            return new MetaView(meta.provider().value(), meta.model(), meta.durationMs(), meta.inputTokens(),
                    meta.outputTokens(), meta.credits(), meta.redactions(), meta.truncated(), meta.skill());
        }
    }

    record AnswerView(String answer, MetaView meta) {
        static AnswerView of(AskOnceResult result) {
            return new AnswerView(result.answer(), MetaView.of(result.meta()));
        }
    }

    /** The contract spells this key in snake_case: {@code tool_result}. */
    record ToolView(@JsonProperty("tool_result") Map<String, Object> toolResult, MetaView meta) {
        static ToolView of(AskOnceResult result) {
            return new ToolView(result.toolResult(), MetaView.of(result.meta()));
        }
    }

    record LegacyView(String reply, UsageView usage) {
        static LegacyView of(AskOnceResult result) {
            return new LegacyView(result.answer(),
                    new UsageView(result.meta().inputTokens(), result.meta().outputTokens(), result.meta().credits()));
        }
    }

    record SkillView(String name, String description, List<ExtraView> extra) {
        static SkillView of(Skill skill) {
            return new SkillView(skill.name(), skill.description(), skill.extra().stream().map(ExtraView::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ExtraView(String name, String type, Integer maxLength, Long min, Long max, List<String> allowedValues,
                     boolean required) {
        static ExtraView of(SkillParam param) {
            return new ExtraView(param.name(), param.type().wireName(), param.maxLength(), param.min(), param.max(),
                    param.allowedValues(), param.required());
        }
    }
}
