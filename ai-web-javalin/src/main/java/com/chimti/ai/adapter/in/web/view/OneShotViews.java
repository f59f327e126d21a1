package com.chimti.ai.adapter.in.web.view;

import com.chimti.ai.core.domain.skill.Skill;
import com.chimti.ai.core.domain.skill.SkillParam;
import com.chimti.ai.core.port.in.AskOnceMeta;
import com.chimti.ai.core.port.in.AskOnceResult;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Response bodies of the one-shot routes. */
public final class OneShotViews {
    private OneShotViews() {
    }

    /** {@code meta}: {@code skill} only in tool mode. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetaView(String provider, String model, long durationMs, long inputTokens, long outputTokens,
                    long credits, int redactions, boolean truncated, String skill) {
        public static MetaView of(AskOnceMeta meta) {
            return new MetaView(meta.provider().value(), meta.model(), meta.durationMs(), meta.inputTokens(),
                    meta.outputTokens(), meta.credits(), meta.redactions(), meta.truncated(), meta.skill());
        }
    }

    public record AnswerView(String answer, MetaView meta) {
        public static AnswerView of(AskOnceResult result) {
            return new AnswerView(result.answer(), MetaView.of(result.meta()));
        }
    }

    /** The contract spells this key in snake_case: {@code tool_result}. */
    public record ToolView(@JsonProperty("tool_result") Map<String, Object> toolResult, MetaView meta) {
        public static ToolView of(AskOnceResult result) {
            return new ToolView(result.toolResult(), MetaView.of(result.meta()));
        }
    }

    public record LegacyView(String reply, UsageView usage) {
        public static LegacyView of(AskOnceResult result) {
            return new LegacyView(result.answer(),
                    new UsageView(result.meta().inputTokens(), result.meta().outputTokens(), result.meta().credits()));
        }
    }

    public record SkillView(String name, String description, List<ExtraView> extra) {
        public static SkillView of(Skill skill) {
            return new SkillView(skill.name(), skill.description(), skill.extra().stream().map(ExtraView::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ExtraView(String name, String type, Integer maxLength, Long min, Long max, List<String> allowedValues,
                     boolean required) {
        public static ExtraView of(SkillParam param) {
            return new ExtraView(param.name(), param.type().wireName(), param.maxLength(), param.min(), param.max(),
                    param.allowedValues(), param.required());
        }
    }
}
