package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.AiAccessPolicy;
import com.chimti.ai.core.domain.redaction.SecretRedactor;
import com.chimti.ai.core.service.AccountService;
import com.chimti.ai.core.service.CallerContextBuilder;
import com.chimti.ai.core.service.ChatService;
import com.chimti.ai.core.service.ConversationService;
import com.chimti.ai.core.service.ModelChoice;
import com.chimti.ai.core.service.Providers;
import com.chimti.ai.core.service.RunningTurns;
import com.chimti.ai.core.service.TurnSettings;
import java.time.Clock;
import java.util.List;

/** The core services wired on in-memory adapters and a {@link FakeProvider}, for tests of core and adapters. */
public final class CoreFixture {
    public final InMemoryMessageRepository messages = new InMemoryMessageRepository();
    public final InMemoryChatRepository chats = new InMemoryChatRepository(messages);
    public final InMemorySettingRepository settings = new InMemorySettingRepository();
    public final InMemoryUsageLedger usage = new InMemoryUsageLedger();
    public final FakeProvider provider = new FakeProvider();
    public final Providers providers = new Providers(List.of(provider), provider.id());
    public final RunningTurns runningTurns = new RunningTurns();
    public final AiAccessPolicy accessPolicy = new AiAccessPolicy();
    public final ModelChoice modelChoice = new ModelChoice(settings);
    public final Clock clock = Clock.systemUTC();
    public final ChatService chatService = new ChatService(chats, providers, modelChoice, accessPolicy, clock);
    public final ConversationService conversationService = new ConversationService(chats, messages, usage,
            new CallerContextBuilder(4000), providers, runningTurns, accessPolicy, SecretRedactor.standard(),
            TurnSettings.DEFAULTS, clock);
    public final AccountService accountService = new AccountService(providers, settings, modelChoice,
            accessPolicy, clock);
}
