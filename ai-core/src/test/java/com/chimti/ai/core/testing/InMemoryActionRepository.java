package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.ActionRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Reference behaviour of {@link ActionRepository}; {@link #transition} is an atomic compare-and-set. */
public final class InMemoryActionRepository implements ActionRepository {
    private final Map<ActionId, AiAction> rows = new ConcurrentHashMap<>();

    @Override
    public void insert(AiAction action) {
        if (rows.putIfAbsent(action.id(), action) != null) {
            throw new IllegalStateException("duplicate action id");
        }
    }

    @Override
    public Optional<AiAction> findById(ActionId id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public List<AiAction> findByOwner(TenantUser owner, ChatId chatId) {
        return rows.values().stream()
                .filter(a -> a.owner().equals(owner))
                .filter(a -> chatId == null || chatId.equals(a.chatId()))
                .sorted(Comparator.comparing(AiAction::createdAt).thenComparing(a -> a.id().value()).reversed())
                .toList();
    }

    @Override
    public boolean transition(AiAction updated, ActionStatus expected) {
        boolean[] won = {false};
        rows.computeIfPresent(updated.id(), (id, current) -> {
            if (current.status() != expected) {
                return current;
            }
            won[0] = true;
            return updated;
        });
        return won[0];
    }
}
