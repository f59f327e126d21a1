package com.chimti.ai.core.service.chat;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.AiNotEnabledException;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.ListChatsQuery;
import com.chimti.ai.core.port.in.RenameChatCommand;
import com.chimti.ai.core.testing.CoreFixture;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChatServiceTest {
    private final CoreFixture core = new CoreFixture();
    private final ChatService chats = core.chatService;
    private final Caller alice = aCaller().user("alice").build();
    private final Caller bob = aCaller().user("bob").build();

    @Test
    void createsAChatWithTheProviderAndTheUsersModel() {
        AiChat chat = chats.create(new CreateChatCommand(alice, null, new BrandId("b1"), new LocationId("l1")));

        assertThat(chat.title()).isEqualTo(AiChat.DEFAULT_TITLE);
        assertThat(chat.provider()).isEqualTo(core.provider.id());
        assertThat(chat.model()).isEqualTo("fake-1");
        assertThat(chats.get(alice, chat.id())).isEqualTo(chat);
    }

    @Test
    void refusesBrandsAndLocationsOutsideTheCallersScopeWithoutWriting() {
        assertThatThrownBy(() -> chats.create(new CreateChatCommand(alice, "x", new BrandId("b9"), null)))
                .isInstanceOf(OutOfScopeException.class);
        assertThatThrownBy(() -> chats.create(new CreateChatCommand(alice, "x", new BrandId("b1"), new LocationId("l9"))))
                .isInstanceOf(OutOfScopeException.class);
        assertThat(core.chats.size()).isZero();
    }

    @Test
    void refusesCallersWithoutAiAccess() {
        Caller store = aCaller().roles(Role.STORE).build();
        assertThatThrownBy(() -> chats.create(new CreateChatCommand(store, "x", null, null)))
                .isInstanceOf(AiNotEnabledException.class);
        assertThat(core.chats.size()).isZero();
    }

    @Test
    void anotherUsersChatIsNotFound() {
        AiChat chat = chats.create(new CreateChatCommand(alice, "mine", null, null));

        assertThatThrownBy(() -> chats.get(bob, chat.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> chats.rename(new RenameChatCommand(bob, chat.id(), "theirs")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> chats.delete(bob, chat.id())).isInstanceOf(NotFoundException.class);
        assertThat(chats.get(alice, chat.id()).title()).isEqualTo("mine");
    }

    @Test
    void listsOnlyTheCallersChatsPageByPageNewestFirst() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(chats.create(new CreateChatCommand(alice, "chat " + i, null, null)).id().value());
        }
        chats.create(new CreateChatCommand(bob, "bob's", null, null));

        Page<AiChat> first = chats.list(new ListChatsQuery(alice, null, PageRequest.first(3)));
        Page<AiChat> second = chats.list(new ListChatsQuery(alice, null, new PageRequest(3, first.nextCursor())));

        assertThat(first.items()).hasSize(3);
        assertThat(second.items()).hasSize(2);
        assertThat(second.nextCursor()).isNull();
        Set<String> listed = new HashSet<>();
        first.items().forEach(c -> listed.add(c.id().value()));
        second.items().forEach(c -> listed.add(c.id().value()));
        assertThat(listed).isEqualTo(created);
    }

    @Test
    void renamesAndDeletes() {
        AiChat chat = chats.create(new CreateChatCommand(alice, "old", null, null));
        assertThat(chats.rename(new RenameChatCommand(alice, chat.id(), " new ")).title()).isEqualTo("new");
        chats.delete(alice, chat.id());
        assertThatThrownBy(() -> chats.get(alice, chat.id())).isInstanceOf(NotFoundException.class);
    }
}
