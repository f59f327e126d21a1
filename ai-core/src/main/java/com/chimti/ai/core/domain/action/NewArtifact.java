package com.chimti.ai.core.domain.action;

import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file a handler wants saved for {@code owner}: the artifact's {@code type} (lower_snake_case, e.g.
 * {@code summary}), a {@code title} for people (1-200 characters; also the download's file name), the content
 * type and the bytes. {@code brandId} must be in the owner's scope; {@code chatId} is the chat the action came
 * from, if any. The writer checks content type and size.
 */
public record NewArtifact(Caller owner, ChatId chatId, BrandId brandId, String type, String title,
                          String mimeType, byte[] content, Map<String, Object> metadata) {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    public static final int MAX_TITLE_LENGTH = 200;

    public NewArtifact {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(content, "content");
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("an artifact type is lower_snake_case, at most 64 characters");
        }
        title = title == null ? "" : title.strip();
        if (title.isEmpty() || title.length() > MAX_TITLE_LENGTH) {
            throw new IllegalArgumentException("an artifact title has 1 to " + MAX_TITLE_LENGTH + " characters");
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
