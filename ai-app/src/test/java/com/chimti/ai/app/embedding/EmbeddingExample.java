package com.chimti.ai.app.embedding;

import com.chimti.ai.app.AppConfig;
import com.chimti.ai.app.EmbeddedAi;
import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.ListMessagesQuery;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.StartLoginCommand;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.in.TurnResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plain Java program docs/embedding.md walks through: the AI core with the Codex and PostgreSQL adapters,
 * one chat turn, no HTTP server. {@link EmbeddingExampleTest} runs it on a class path without Javalin.
 * It returns JDK types only, so a caller in another class loader can read the result.
 */
public final class EmbeddingExample {

    private EmbeddingExample() {
    }

    /** Connects alice's Codex with an API key, asks one question, and returns what the chat stored. */
    public static List<String> chatOnce(Map<String, String> environment, String apiKey, String question) {
        // 1. the same variables as the standalone server; no token settings, the host authenticates its users
        AppConfig config = AppConfig.forEmbedding(environment);

        // 2. the core with PostgreSQL and the providers AI_PROVIDERS names; close() stops every CLI process
        try (EmbeddedAi ai = EmbeddedAi.builder().config(config).environment(environment).build()) {

            // 3. the caller, as the host's own authentication knows them
            Caller alice = new Caller(new UserId("alice"), new ClientId("client-1"), Set.of(new BrandId("brand-1")),
                    Set.of(), Set.of(Role.BRAND_ADMIN), false, Set.of(Caller.AI_MODULE));

            // 4. connect alice's own Codex account (kept in her profile folder, never in the database)
            ai.account().startLogin(new StartLoginCommand(alice, "codex", LoginMethod.API_KEY, new Secret(apiKey)));

            // 5. a chat, and one turn; the listener hears the answer while it streams
            AiChat chat = ai.chats().create(new CreateChatCommand(alice, "Stock", new BrandId("brand-1"), null));
            StringBuilder streamed = new StringBuilder();
            TurnResult turn = ai.converse().send(new SendMessageCommand(alice, chat.id(), question),
                    new TurnEvents() {
                        @Override
                        public void onDelta(String text) {
                            streamed.append(text);
                        }
                    });

            // 6. what the chat now holds
            List<String> result = new ArrayList<>();
            result.add("answer: " + turn.assistantMessage().content());
            result.add("streamed: " + streamed);
            result.add("outcome: " + turn.outcome());
            for (AiMessage message : ai.converse().messages(
                    new ListMessagesQuery(alice, chat.id(), PageRequest.first(50))).items()) {
                result.add(message.role().wireName() + ": " + message.content());
            }
            return result;
        }
    }
}
