package com.chimti.ai.adapter.out.codex.account;

import com.chimti.ai.adapter.out.codex.profile.CodexProfiles;
import com.chimti.ai.adapter.out.codex.rpc.JsonLines;
import com.chimti.ai.adapter.out.codex.runtime.AppServerLease;
import com.chimti.ai.adapter.out.codex.runtime.CodexRuntime;
import com.chimti.ai.core.domain.account.AiModel;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models a user may choose, as the CLI lists them for the user's account (the configured ones when it cannot),
 * and the user's choice, written to their profile's {@code config.toml}.
 */
public final class ModelCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CodexRuntime runtime;
    private final CodexProfiles profiles;
    private final String defaultModel;
    private final List<String> configured;

    /** @param configured the models offered when the CLI cannot list them */
    public ModelCatalog(CodexRuntime runtime, CodexProfiles profiles, String defaultModel, List<String> configured) {
        this.runtime = runtime;
        this.profiles = profiles;
        this.defaultModel = defaultModel;
        this.configured = List.copyOf(configured);
    }

    public List<AiModel> list(TenantUser user) {
        if (runtime.readiness().ready()) {
            try (AppServerLease lease = runtime.lease(user)) {
                JsonNode data = lease.server().request("model/list", JSON.createObjectNode()).path("data");
                List<AiModel> models = new ArrayList<>();
                for (JsonNode m : data) {
                    if (m.path("hidden").asBoolean(false)) {
                        continue;
                    }
                    String id = JsonLines.text(m, "model") != null ? JsonLines.text(m, "model")
                            : JsonLines.text(m, "id");
                    if (id != null) {
                        models.add(new AiModel(id, JsonLines.text(m, "displayName"),
                                m.path("isDefault").asBoolean(false)));
                    }
                }
                if (!models.isEmpty()) {
                    return List.copyOf(models);
                }
            } catch (RuntimeException e) {
                LOG.info("codex model/list failed ({}); offering the configured models",
                        e.getClass().getSimpleName());
            }
        }
        return configured();
    }

    /** The configured models, the default one marked. */
    public List<AiModel> configured() {
        return configured.stream()
                .map(m -> new AiModel(m, m, m.equals(defaultModel)))
                .toList();
    }

    public void choose(TenantUser user, String model) {
        profiles.updateModel(user, model);
    }

    /** The model a turn of the user runs when the request names none: the user's choice, else the default. */
    public String current(TenantUser user) {
        return profiles.currentModel(profiles.home(user));
    }
}
