package com.chimti.ai.core.domain.account;

import com.chimti.ai.core.domain.provider.ProviderId;
import java.util.List;

/** The models a user may pick for a provider, and the one in use. */
public record ModelCatalog(ProviderId provider, String current, List<AiModel> models) {
    public ModelCatalog {
        models = List.copyOf(models);
    }
}
