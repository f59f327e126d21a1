package com.chimti.ai.core.service;

import com.chimti.ai.core.domain.AiChat;
import com.chimti.ai.core.domain.AiContext;
import com.chimti.ai.core.domain.Caller;
import com.chimti.ai.core.domain.Role;
import com.chimti.ai.core.port.out.ContextBuilder;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The smallest useful context: who is asking and what they may reach, from the caller's own claims, cut to a
 * character budget. Host platforms replace it with a richer builder behind the same port.
 */
public final class CallerContextBuilder implements ContextBuilder {
    static final String ASK_DONT_GUESS = "If the request needs a brand, location or record that is not listed"
            + " here, ask the user a clarifying question instead of guessing.";

    private final int budgetChars;

    public CallerContextBuilder(int budgetChars) {
        if (budgetChars < ASK_DONT_GUESS.length()) {
            throw new IllegalArgumentException("context budget is too small");
        }
        this.budgetChars = budgetChars;
    }

    @Override
    public AiContext build(Caller caller, AiChat chat) {
        StringBuilder text = new StringBuilder();
        text.append("client: ").append(caller.clientId()).append('\n');
        text.append("roles: ").append(joined(caller.roles().stream().map(Role::name).sorted().toList())).append('\n');
        text.append("modules: ").append(joined(caller.modules().stream().sorted().toList())).append('\n');
        text.append("brands: ").append(joined(caller.brandIds().stream().map(Object::toString).sorted().toList()))
                .append('\n');
        text.append("locations: ")
                .append(joined(caller.locationIds().stream().map(Object::toString).sorted().toList())).append('\n');
        if (chat != null) {
            text.append("this chat's brand: ").append(chat.brandId() == null ? "none" : chat.brandId()).append('\n');
            text.append("this chat's location: ").append(chat.locationId() == null ? "none" : chat.locationId())
                    .append('\n');
        }
        int room = budgetChars - ASK_DONT_GUESS.length();
        String facts = text.length() > room ? text.substring(0, room) : text.toString();
        return new AiContext(facts + ASK_DONT_GUESS);
    }

    private static String joined(Collection<String> values) {
        return values.isEmpty() ? "none" : values.stream().collect(Collectors.joining(", "));
    }
}
