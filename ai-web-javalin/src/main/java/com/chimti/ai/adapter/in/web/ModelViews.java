package com.chimti.ai.adapter.in.web;

import com.chimti.ai.core.domain.AiModel;
import com.chimti.ai.core.domain.ModelCatalog;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

final class ModelViews {
    private ModelViews() {
    }

    record Catalog(String provider, String current, List<Model> models) {
        static Catalog of(ModelCatalog catalog) {
            return new Catalog(catalog.provider().value(), catalog.current(),
                    catalog.models().stream().map(Model::of).toList());
        }
    }

    // @JsonProperty keeps the "is" prefix the contract spells out
    record Model(String id, String displayName, @JsonProperty("isDefault") boolean isDefault) {
        static Model of(AiModel model) {
            return new Model(model.id(), model.displayName(), model.isDefault());
        }
    }

    record Current(String provider, String current) {
    }
}
