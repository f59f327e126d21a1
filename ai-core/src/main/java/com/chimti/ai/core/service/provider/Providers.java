package com.chimti.ai.core.service.provider;

import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.port.out.AiAccounts;
import com.chimti.ai.core.port.out.AiProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The enabled providers by name, each as its two ports (turns and accounts), and which one serves requests that
 * name none.
 */
public final class Providers {
    private final Map<ProviderId, AiProvider> byId = new LinkedHashMap<>();
    private final Map<ProviderId, AiAccounts> accountsById = new LinkedHashMap<>();
    private final ProviderId defaultProvider;

    public Providers(List<AiProvider> providers, List<AiAccounts> accounts, ProviderId defaultProvider) {
        for (AiProvider provider : providers) {
            if (byId.putIfAbsent(provider.id(), provider) != null) {
                throw new IllegalArgumentException("provider registered twice: " + provider.id());
            }
        }
        for (AiAccounts account : accounts) {
            if (accountsById.putIfAbsent(account.id(), account) != null) {
                throw new IllegalArgumentException("provider accounts registered twice: " + account.id());
            }
        }
        if (!byId.keySet().equals(accountsById.keySet())) {
            throw new IllegalArgumentException("every provider needs both ports: turns " + byId.keySet()
                    + ", accounts " + accountsById.keySet());
        }
        if (!byId.containsKey(defaultProvider)) {
            throw new IllegalArgumentException("default provider is not enabled: " + defaultProvider);
        }
        this.defaultProvider = defaultProvider;
    }

    /** The named provider, or the default one for a null or blank name. */
    public AiProvider resolve(String name) {
        return get(idOf(name));
    }

    /** The accounts of the named provider, or of the default one for a null or blank name. */
    public AiAccounts accounts(String name) {
        AiAccounts accounts = accountsById.get(idOf(name));
        if (accounts == null) {
            throw new ValidationException("provider is not enabled on this server");
        }
        return accounts;
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

    public List<AiAccounts> allAccounts() {
        return List.copyOf(accountsById.values());
    }

    private ProviderId idOf(String name) {
        return name == null || name.isBlank() ? defaultProvider : new ProviderId(name);
    }
}
