package com.chimti.ai.core.domain.account;

import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's AI preferences (in one client) for one provider: the chosen model and the status of their connection.
 * {@code profileId} is the opaque, keyed-hash folder name of the user's provider profile; it never leaves
 * the server.
 */
public record AiSetting(
        TenantUser owner,
        ProviderId provider,
        String model,
        String profileId,
        String status,
        Instant createdAt,
        Instant updatedAt) {

    public AiSetting {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        status = status == null ? "active" : status;
    }

    public static AiSetting initial(TenantUser owner, ProviderId provider, Instant now) {
        return new AiSetting(owner, provider, null, null, "active", now, now);
    }

    public AiSetting withModel(String newModel, Instant now) {
        return new AiSetting(owner, provider, newModel, profileId, status, createdAt, now);
    }

    public AiSetting withProfileId(String newProfileId, Instant now) {
        return new AiSetting(owner, provider, model, newProfileId, status, createdAt, now);
    }

    public AiSetting withStatus(String newStatus, Instant now) {
        return new AiSetting(owner, provider, model, profileId, newStatus, createdAt, now);
    }
}
