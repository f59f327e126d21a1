package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.MessageDraft;
import com.chimti.ai.core.port.out.MessageDraftRepository;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reference behaviour of {@link MessageDraftRepository}: one draft per action. */
public final class InMemoryMessageDrafts implements MessageDraftRepository {
    private final List<MessageDraft> drafts = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void insert(MessageDraft draft) {
        if (findByAction(draft.actionId()).isPresent()) {
            throw new IllegalStateException("a draft for this action exists");
        }
        drafts.add(draft);
    }

    @Override
    public Optional<MessageDraft> findByAction(ActionId actionId) {
        return drafts.stream().filter(d -> d.actionId().equals(actionId)).findFirst();
    }

    public List<MessageDraft> all() {
        return List.copyOf(drafts);
    }
}
