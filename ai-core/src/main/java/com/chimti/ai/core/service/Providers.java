package com.chimti.ai.core.service;

import com.chimti.ai.core.domain.ProviderId;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.port.out.AiProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The enabled providers by name, and which one serves requests that name none. */
public final class Providers {
    private final Map<ProviderId, AiProvider> byId = new LinkedHashMap<>();
    private final ProviderId defaultProvider;

    public Providers(List<AiProvider> providers, ProviderId defaultProvider) {
        for (AiProvider provider : providers) {
            if (byId.putIfAbsent(provider.id(), provider) != null) {
                throw new IllegalArgumentException("provider registered twice: " + provider.id());
            }
        }
        if (!byId.containsKey(defaultProvider)) {
            throw new IllegalArgumentException("default provider is not enabled: " + defaultProvider);
        }
        this.defaultProvider = defaultProvider;
    }

    /** The named provider, or the default one for a null or blank name. */
    public AiProvider resolve(String name) {
        if (name == null || name.isBlank()) {
            return byId.get(defaultProvider);
        }
        AiProvider provider = byId.get(new ProviderId(name));
        if (provider == null) {
            throw new ValidationException("provider is not enabled on this server");
        }
        return provider;
    }

    /** The provider, when this server enables it. */
    public Optional<AiProvider> find(ProviderId id) {
        return Optional.ofNullable(byId.get(id));
    }

    public AiProvider get(ProviderId id) {
        AiProvider provider = byId.get(id);
        if (provider == null) {
            throw new ValidationException("provider is not enabled on this server");
        }
        return provider;
    }

    public ProviderId defaultProvider() {
        return defaultProvider;
    }

    public List<AiProvider> all() {
        return List.copyOf(byId.values());
    }
}
