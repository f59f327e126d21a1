package com.chimti.ai.core.service.account;

import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.account.AccountStatus;
import com.chimti.ai.core.domain.account.AiModel;
import com.chimti.ai.core.domain.account.AiSetting;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginStatus;
import com.chimti.ai.core.domain.account.ModelCatalog;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.in.ManageAccount;
import com.chimti.ai.core.port.in.ManageModels;
import com.chimti.ai.core.port.in.StartLoginCommand;
import com.chimti.ai.core.port.out.AiAccounts;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.AuditTrail;
import com.chimti.ai.core.port.out.SettingRepository;
import com.chimti.ai.core.service.provider.ModelChoice;
import com.chimti.ai.core.service.provider.Providers;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The caller's own provider account and model choice; every call acts on the caller's user id only. What changed
 * is audited after it changed: an API-key login connected or refused, a sign-out, a model choice. A device login
 * ends later, wherever its row is saved ({@link AuditedLogins}).
 */
public final class AccountService implements ManageAccount, ManageModels {
    static final String DEVICE = "device";
    static final String API_KEY = "api_key";

    private final Providers providers;
    private final SettingRepository settings;
    private final ModelChoice modelChoice;
    private final AiAccessPolicy accessPolicy;
    private final AuditTrail audit;
    private final Clock clock;

    public AccountService(Providers providers, SettingRepository settings, ModelChoice modelChoice,
                          AiAccessPolicy accessPolicy, AuditTrail audit, Clock clock) {
        this.providers = providers;
        this.settings = settings;
        this.modelChoice = modelChoice;
        this.accessPolicy = accessPolicy;
        this.audit = audit;
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
        AiAccounts account = allowed(command.caller(), command.provider());
        return start(command.caller(), account,
                new LoginRequest(command.caller().tenantUser(), command.method(), command.apiKey()));
    }

    /** Starts the login; an API key connects (or is refused) at once, so that is audited here. */
    private LoginStart start(Caller caller, AiAccounts account, LoginRequest request) {
        if (request.method() != LoginMethod.API_KEY) {
            return account.startLogin(request);
        }
        LoginStart started;
        try {
            started = account.startLogin(request);
        } catch (ProviderFailureException refused) {
            record(caller, AuditEventType.LOGIN_FAILED, Map.of("provider", account.id().value(), "method", API_KEY));
            throw refused;
        }
        if (started instanceof LoginStart.Connected) {
            record(caller, AuditEventType.LOGIN_CONNECTED,
                    Map.of("provider", account.id().value(), "method", API_KEY));
        }
        return started;
    }

    private void record(Caller caller, AuditEventType type, Map<String, String> details) {
        audit.record(AuditEvent.by(caller, type, null, details, clock.instant()));
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
        record(command.caller(), AuditEventType.LOGGED_OUT, Map.of("provider", account.id().value()));
        return start(command.caller(), account, request);
    }

    @Override
    public void logout(Caller caller, String provider) {
        AiAccounts account = allowed(caller, provider);
        account.logout(caller.tenantUser());
        record(caller, AuditEventType.LOGGED_OUT, Map.of("provider", account.id().value()));
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
        String previous = modelChoice.currentModel(caller.tenantUser(), ai);
        Instant now = clock.instant();
        AiSetting setting = settings.find(caller.tenantUser(), ai.id())
                .orElseGet(() -> AiSetting.initial(caller.tenantUser(), ai.id(), now));
        settings.save(setting.withModel(model, now));
        account.updateModel(caller.tenantUser(), model);
        Map<String, String> details = previous == null
                ? Map.of("provider", ai.id().value(), "model", model)
                : Map.of("provider", ai.id().value(), "model", model, "previousModel", previous);
        record(caller, AuditEventType.MODEL_CHANGED, details);
        return new ModelCatalog(ai.id(), model, offered);
    }

    private AiAccounts allowed(Caller caller, String provider) {
        accessPolicy.requireAccess(caller);
        return providers.accounts(provider);
    }
}
