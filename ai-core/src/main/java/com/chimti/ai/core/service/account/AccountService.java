package com.chimti.ai.core.service.account;

import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.account.AccountStatus;
import com.chimti.ai.core.domain.account.AiModel;
import com.chimti.ai.core.domain.account.AiSetting;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginStatus;
import com.chimti.ai.core.domain.account.ModelCatalog;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.in.ManageAccount;
import com.chimti.ai.core.port.in.ManageModels;
import com.chimti.ai.core.port.in.StartLoginCommand;
import com.chimti.ai.core.port.out.AiAccounts;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.SettingRepository;
import com.chimti.ai.core.service.provider.ModelChoice;
import com.chimti.ai.core.service.provider.Providers;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The caller's own provider account and model choice; every call acts on the caller's user id only. */
public final class AccountService implements ManageAccount, ManageModels {
    private final Providers providers;
    private final SettingRepository settings;
    private final ModelChoice modelChoice;
    private final AiAccessPolicy accessPolicy;
    private final Clock clock;

    public AccountService(Providers providers, SettingRepository settings, ModelChoice modelChoice,
                          AiAccessPolicy accessPolicy, Clock clock) {
        this.providers = providers;
        this.settings = settings;
        this.modelChoice = modelChoice;
        this.accessPolicy = accessPolicy;
        this.clock = clock;
    }

    @Override
    public AccountStatus status(Caller caller, String provider) {
        AiAccounts account = allowed(caller, provider);
        return account.accountStatus(caller.tenantUser())
                .withModel(modelChoice.currentModel(caller.tenantUser(), providers.resolve(provider)));
    }

    @Override
    public LoginStart startLogin(StartLoginCommand command) {
        return allowed(command.caller(), command.provider()).startLogin(new LoginRequest(command.caller().tenantUser(), command.method(), command.apiKey()));
    }

    @Override
    public LoginStatus loginStatus(Caller caller, String provider, LoginId loginId) {
        return owningProvider(caller, provider, loginId).loginStatus(caller.tenantUser(), loginId);
    }

    @Override
    public void cancelLogin(Caller caller, String provider, LoginId loginId) {
        owningProvider(caller, provider, loginId).cancelLogin(caller.tenantUser(), loginId);
    }

    /**
     * The provider that holds the caller's login: the named one, or, when none is named, whichever enabled
     * provider knows the login id, so a client can poll with just the id it was given.
     */
    private AiAccounts owningProvider(Caller caller, String provider, LoginId loginId) {
        accessPolicy.requireAccess(caller);
        if (provider != null && !provider.isBlank()) {
            return providers.accounts(provider);
        }
        for (AiAccounts candidate : providers.allAccounts()) {
            try {
                candidate.loginStatus(caller.tenantUser(), loginId);
                return candidate;
            } catch (NotFoundException notThisOne) {
                // try the next provider
            }
        }
        throw new NotFoundException("login not found");
    }

    @Override
    public LoginStart switchAccount(StartLoginCommand command) {
        AiAccounts account = allowed(command.caller(), command.provider());
        // build the request first so a bad one signs nobody out
        LoginRequest request = new LoginRequest(command.caller().tenantUser(), command.method(), command.apiKey());
        account.logout(command.caller().tenantUser());
        return account.startLogin(request);
    }

    @Override
    public void logout(Caller caller, String provider) {
        allowed(caller, provider).logout(caller.tenantUser());
    }

    @Override
    public ModelCatalog catalog(Caller caller, String provider) {
        AiAccounts account = allowed(caller, provider);
        AiProvider ai = providers.resolve(provider);
        return new ModelCatalog(ai.id(), modelChoice.currentModel(caller.tenantUser(), ai),
                offered(account, ai, caller));
    }

    /**
     * The account's models, plus the provider's default when the account's list lacks it: a user whose current
     * model is the default can always choose it again (the CLI's list may not name {@code gpt-5}).
     */
    private static List<AiModel> offered(AiAccounts account, AiProvider ai, Caller caller) {
        List<AiModel> listed = account.listModels(caller.tenantUser());
        String fallback = ai.defaultModel();
        if (fallback == null || listed.stream().anyMatch(m -> m.id().equals(fallback))) {
            return listed;
        }
        List<AiModel> withDefault = new java.util.ArrayList<>(listed);
        withDefault.add(new AiModel(fallback, fallback, listed.stream().noneMatch(AiModel::isDefault)));
        return List.copyOf(withDefault);
    }

    @Override
    public ModelCatalog choose(Caller caller, String provider, String model) {
        AiAccounts account = allowed(caller, provider);
        AiProvider ai = providers.resolve(provider);
        if (model == null || model.isBlank()) {
            throw new ValidationException("model must not be blank");
        }
        List<AiModel> offered = offered(account, ai, caller);
        if (offered.stream().noneMatch(m -> m.id().equals(model))) {
            throw new ValidationException("model is not offered; GET /v1/ai/models lists the choices");
        }
        Instant now = clock.instant();
        AiSetting setting = settings.find(caller.tenantUser(), ai.id())
                .orElseGet(() -> AiSetting.initial(caller.tenantUser(), ai.id(), now));
        settings.save(setting.withModel(model, now));
        account.updateModel(caller.tenantUser(), model);
        return new ModelCatalog(ai.id(), model, offered);
    }

    private AiAccounts allowed(Caller caller, String provider) {
        accessPolicy.requireAccess(caller);
        return providers.accounts(provider);
    }
}
