package com.chimti.ai.core.domain.account;

import java.util.Objects;

public record AiModel(String id, String displayName, boolean isDefault) {
    public AiModel {
        Objects.requireNonNull(id, "id");
        displayName = displayName == null || displayName.isBlank() ? id : displayName;
    }
}
