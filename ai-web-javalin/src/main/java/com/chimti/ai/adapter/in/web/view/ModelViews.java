package com.chimti.ai.adapter.in.web.view;

import com.chimti.ai.core.domain.account.AiModel;
import com.chimti.ai.core.domain.account.ModelCatalog;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

public final class ModelViews {
    private ModelViews() {
    }

    public record Catalog(String provider, String current, List<Model> models) {
        public static Catalog of(ModelCatalog catalog) {
            return new Catalog(catalog.provider().value(), catalog.current(),
                    catalog.models().stream().map(Model::of).toList());
        }
    }

    // @JsonProperty keeps the "is" prefix the contract spells out
    public record Model(String id, String displayName, @JsonProperty("isDefault") boolean isDefault) {
        public static Model of(AiModel model) {
            return new Model(model.id(), model.displayName(), model.isDefault());
        }
    }

    public record Current(String provider, String current) {
    }
}
