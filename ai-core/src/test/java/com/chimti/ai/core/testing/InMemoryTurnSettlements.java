package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.billing.TurnSettlement;
import com.chimti.ai.core.port.out.TurnSettlements;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link TurnSettlements} on the in-memory repositories. One lock makes a commit all-or-nothing for readers of
 * these fakes; {@link #failNextCommits} makes commits throw before anything is written, as a rolled-back
 * transaction leaves nothing behind.
 */
public final class InMemoryTurnSettlements implements TurnSettlements {
    private final InMemoryMessageRepository messages;
    private final InMemoryChatRepository chats;
    private final InMemoryUsageLedger usage;
    private final InMemoryWallets wallets;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();

    public InMemoryTurnSettlements(InMemoryMessageRepository messages, InMemoryChatRepository chats,
                                   InMemoryUsageLedger usage, InMemoryWallets wallets) {
        this.messages = messages;
        this.chats = chats;
        this.usage = usage;
        this.wallets = wallets;
    }

    /** The next {@code count} commits fail as a database would (nothing written). */
    public void failNextCommits(int count) {
        failures.set(count);
    }

    /** Commits attempted, failed ones included. */
    public int commits() {
        return commits.get();
    }

    @Override
    public synchronized TurnSettlement commit(TurnSettlement settlement) {
        commits.incrementAndGet();
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("injected: the settlement's transaction failed");
        }
        TurnSettlement written = settlement;
        if (settlement.reservationId() != null
                && !wallets.settle(settlement.reservationId(), settlement.charge())) {
            written = settlement.withCredits(0);
        }
        if (written.answer() != null) {
            messages.insert(written.answer());
            var answer = written.answer();
            chats.findById(answer.chatId()).ifPresent(c -> chats.update(c.touchedAt(answer.createdAt())));
        }
        usage.record(written.usage());
        return written;
    }
}
