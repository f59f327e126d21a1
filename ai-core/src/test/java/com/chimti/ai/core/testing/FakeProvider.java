package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.account.AccountState;
import com.chimti.ai.core.domain.account.AccountStatus;
import com.chimti.ai.core.domain.account.AiLogin;
import com.chimti.ai.core.domain.account.AiModel;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.account.LoginStatus;
import com.chimti.ai.core.domain.action.ProposalOutcome;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.ProviderReadiness;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.out.AiAccounts;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.TurnListener;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A scriptable provider for core and web tests: echoes the last message unless told otherwise. */
public final class FakeProvider implements AiProvider, AiAccounts {
    private final ProviderId id;
    private final List<CompletionRequest> requests = new CopyOnWriteArrayList<>();
    private final List<TenantUser> warmUps = new CopyOnWriteArrayList<>();
    private final List<ProposalOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final Set<TenantUser> connected = ConcurrentHashMap.newKeySet();
    private final Map<TenantUser, String> models = new ConcurrentHashMap<>();
    private final Map<LoginId, AiLogin> logins = new ConcurrentHashMap<>();
    private volatile Function<CompletionRequest, CompletionResult> answer =
            r -> new CompletionResult("echo: " + r.lastMessage().content(), new TokenUsage(3, 2), r.model(),
                    TurnOutcome.COMPLETED);

    public FakeProvider() {
        this("fake");
    }

    public FakeProvider(String id) {
        this.id = new ProviderId(id);
    }

    public FakeProvider answering(Function<CompletionRequest, CompletionResult> newAnswer) {
        this.answer = newAnswer;
        return this;
    }

    /**
     * From now on every turn proposes {@code actionType} with {@code input} through the request's proposal
     * channel (as a model calling the action tool would) and answers with what the backend told it.
     */
    public FakeProvider proposing(String actionType, Map<String, Object> input) {
        return answering(r -> {
            ProposalOutcome outcome = r.proposals().propose(actionType, input);
            outcomes.add(outcome);
            return new CompletionResult("tool said: " + outcome.message(), new TokenUsage(3, 2), r.model(),
                    TurnOutcome.COMPLETED);
        });
    }

    /** What the backend answered each proposal made through {@link #proposing}. */
    public List<ProposalOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** The users {@link #warmUp} was called for, in order. */
    public List<TenantUser> warmUps() {
        return List.copyOf(warmUps);
    }

    @Override
    public void warmUp(TenantUser user) {
        warmUps.add(user);
    }

    public List<CompletionRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public ProviderId id() {
        return id;
    }

    @Override
    public String defaultModel() {
        return "fake-1";
    }

    @Override
    public CompletionResult complete(CompletionRequest request, TurnListener listener) {
        requests.add(request);
        CompletionResult result = answer.apply(request);
        listener.onDelta(result.text());
        listener.onUsage(result.usage());
        return result;
    }

    @Override
    public AccountStatus accountStatus(TenantUser user) {
        return connected.contains(user)
                ? new AccountStatus(id, AccountState.CONNECTED, "apiKey", null, null, models.get(user), null, null)
                : AccountStatus.disconnected(id, models.get(user));
    }

    @Override
    public LoginStart startLogin(LoginRequest request) {
        if (request.method() == LoginMethod.API_KEY && refuseApiKeys) {
            throw new com.chimti.ai.core.domain.provider.ProviderFailureException("the provider refused the API key");
        }
        if (request.method() == LoginMethod.API_KEY) {
            connected.add(request.user());
            return new LoginStart.Connected();
        }
        Instant now = Instant.now();
        AiLogin login = new AiLogin(LoginId.newId(), request.user(), id, LoginState.PENDING, null, now,
                now.plusSeconds(900), now);
        logins.put(login.id(), login);
        return new LoginStart.DevicePending(login.id(), "https://example.test/device", "ABCD-1234",
                login.expiresAt());
    }

    private volatile boolean refuseApiKeys;

    /** From now on an API key is refused, as a provider refuses a wrong one. */
    public FakeProvider refusingApiKeys() {
        refuseApiKeys = true;
        return this;
    }

    /** Completes a pending device login as if the person approved it. */
    public void approve(LoginId loginId) {
        AiLogin login = logins.get(loginId);
        logins.put(loginId, login.ended(LoginState.CONNECTED, null, Instant.now()));
        connected.add(login.owner());
    }

    @Override
    public LoginStatus loginStatus(TenantUser user, LoginId loginId) {
        return LoginStatus.of(owned(user, loginId));
    }

    @Override
    public void cancelLogin(TenantUser user, LoginId loginId) {
        AiLogin login = owned(user, loginId);
        if (login.state() == LoginState.PENDING) {
            logins.put(loginId, login.ended(LoginState.CANCELLED, null, Instant.now()));
        }
    }

    private AiLogin owned(TenantUser user, LoginId loginId) {
        AiLogin login = logins.get(loginId);
        if (login == null || !login.owner().equals(user)) {
            throw new NotFoundException("login not found");
        }
        return login;
    }

    @Override
    public void logout(TenantUser user) {
        connected.remove(user);
    }

    private volatile List<AiModel> listed =
            List.of(new AiModel("fake-1", "Fake One", true), new AiModel("fake-2", "Fake Two", false));

    /** The account's model list from now on (e.g. one that lacks the default, as the Codex CLI's may). */
    public FakeProvider listing(AiModel... models) {
        listed = List.of(models);
        return this;
    }

    @Override
    public List<AiModel> listModels(TenantUser user) {
        return listed;
    }

    @Override
    public void updateModel(TenantUser user, String model) {
        models.put(user, model);
    }

    private final List<TenantUser> forgotten = new CopyOnWriteArrayList<>();
    private volatile Runnable onForget = () -> { };

    /** Runs {@code action} whenever a user is forgotten (e.g. to record the order of an erasure's steps). */
    public FakeProvider onForget(Runnable action) {
        this.onForget = action;
        return this;
    }

    @Override
    public void forget(TenantUser user) {
        onForget.run();
        forgotten.add(user);
        connected.remove(user);
        models.remove(user);
        logins.values().removeIf(login -> login.owner().equals(user));
    }

    /** The users {@link #forget} was called for, in order. */
    public List<TenantUser> forgotten() {
        return List.copyOf(forgotten);
    }

    @Override
    public ProviderReadiness readiness() {
        return ProviderReadiness.READY;
    }
}
