package com.chimti.ai.core.service.action;

import com.chimti.ai.core.domain.action.ActionField;
import com.chimti.ai.core.domain.action.ActionHandler;
import com.chimti.ai.core.domain.action.ActionOutcome;
import com.chimti.ai.core.domain.action.ActionRequest;
import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.action.ArtifactWriter;
import com.chimti.ai.core.domain.action.NewArtifact;
import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.tenancy.Role;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code export_summary}: saves a summary as a Markdown file ({@code text/markdown}, UTF-8) the user can
 * download from {@code /v1/ai/artifacts}. Input: {@code title} (required, 200), {@code summary} (required,
 * 20,000), {@code brandId} (required, in scope). Every brand role may use it; it needs the user's confirmation.
 * The file goes through the core's {@link ArtifactWriter}: the handler never names a path.
 */
public final class ExportSummaryHandler implements ActionHandler {
    public static final String TYPE = "export_summary";
    public static final String ARTIFACT_TYPE = "summary";
    private static final ActionSpec SPEC = new ActionSpec(TYPE,
            List.of(ActionField.requiredText("title", NewArtifact.MAX_TITLE_LENGTH),
                    ActionField.requiredText("summary", 20_000), ActionField.brand(true)),
            EnumSet.complementOf(EnumSet.of(Role.PLATFORM_ADMIN)), true);

    private final ArtifactWriter writer;

    public ExportSummaryHandler(ArtifactWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        String title = request.text("title");
        // one line for the heading, whatever line breaks the title held
        String markdown = "# " + title.replaceAll("\\s+", " ") + "\n\n" + request.text("summary") + "\n";
        AiArtifact artifact = writer.write(new NewArtifact(request.caller(), request.chatId(), request.brandId(),
                ARTIFACT_TYPE, title, "text/markdown", markdown.getBytes(StandardCharsets.UTF_8),
                Map.of("actionId", request.actionId().value())));
        return new ActionOutcome.Done(Map.of("artifactId", artifact.id().value(), "title", artifact.title(),
                "mimeType", artifact.mimeType(), "sizeBytes", artifact.sizeBytes()));
    }
}
