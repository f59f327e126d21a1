package com.chimti.ai.adapter.in.web.routes;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.chimti.ai.adapter.in.web.auth.Authentication;
import com.chimti.ai.adapter.in.web.http.Requests;
import com.chimti.ai.adapter.in.web.http.WebJson;
import com.chimti.ai.adapter.in.web.view.ChatView;
import com.chimti.ai.adapter.in.web.view.PageView;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.ListChatsQuery;
import com.chimti.ai.core.port.in.ManageChats;
import com.chimti.ai.core.port.in.RenameChatCommand;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.Objects;

/** The caller's chats: {@code /v1/ai/chats} and {@code /v1/ai/chats/{chatId}}. */
public final class ChatRoutes {
    record CreateChatRequest(String title, String brandId, String locationId) {
        static final CreateChatRequest EMPTY = new CreateChatRequest(null, null, null);
    }

    record RenameChatRequest(String title) {
    }

    private final ManageChats chats;

    public ChatRoutes(ManageChats chats) {
        this.chats = Objects.requireNonNull(chats, "chats");
    }

    public EndpointGroup endpoints() {
        return () -> {
            get("/v1/ai/chats", this::listChats);
            post("/v1/ai/chats", this::createChat);
            get("/v1/ai/chats/{chatId}", this::getChat);
            patch("/v1/ai/chats/{chatId}", this::renameChat);
            delete("/v1/ai/chats/{chatId}", this::deleteChat);
        };
    }

    void listChats(Context ctx) {
        ListChatsQuery query = new ListChatsQuery(Authentication.caller(ctx), Requests.brandId(ctx),
                Requests.page(ctx));
        ctx.json(PageView.of(chats.list(query), ChatView::of));
    }

    void createChat(Context ctx) {
        Caller caller = Authentication.callerWithAiAccess(ctx);
        CreateChatRequest body = WebJson.read(ctx, CreateChatRequest.class, CreateChatRequest.EMPTY);
        AiChat chat = chats.create(new CreateChatCommand(caller, body.title(),
                optional(body.brandId(), BrandId::new), optional(body.locationId(), LocationId::new)));
        ctx.status(201).json(ChatView.of(chat));
    }

    void getChat(Context ctx) {
        ctx.json(ChatView.of(chats.get(Authentication.caller(ctx), Requests.chatId(ctx))));
    }

    void renameChat(Context ctx) {
        Caller caller = Authentication.callerWithAiAccess(ctx);
        RenameChatRequest body = WebJson.read(ctx, RenameChatRequest.class, null);
        AiChat chat = chats.rename(new RenameChatCommand(caller, Requests.chatId(ctx),
                Requests.required(body.title(), "title")));
        ctx.json(ChatView.of(chat));
    }

    void deleteChat(Context ctx) {
        chats.delete(Authentication.caller(ctx), Requests.chatId(ctx));
        ctx.status(204);
    }

    private static <T> T optional(String value, java.util.function.Function<String, T> id) {
        return value == null || value.isBlank() ? null : id.apply(value);
    }
}
