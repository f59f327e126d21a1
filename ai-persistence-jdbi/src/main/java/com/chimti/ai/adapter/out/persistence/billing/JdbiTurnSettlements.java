package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.adapter.out.persistence.chat.JdbiMessageRepository;
import com.chimti.ai.adapter.out.persistence.sql.Rows;
import com.chimti.ai.core.domain.billing.TurnSettlement;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.port.out.TurnSettlements;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * A call's settlement in one PostgreSQL transaction: the reservation ends (wallet and ledger row), the answer
 * is inserted and its chat touched, the usage row is inserted. Any failure rolls all of it back.
 */
public final class JdbiTurnSettlements implements TurnSettlements {
    /** Where a test makes the transaction fail between two writes; production passes {@link #NONE}. */
    interface Checkpoint {
        Checkpoint NONE = step -> {
        };

        void reached(String step);
    }

    private final Jdbi jdbi;
    private final Checkpoint checkpoint;

    public JdbiTurnSettlements(Jdbi jdbi) {
        this(jdbi, Checkpoint.NONE);
    }

    JdbiTurnSettlements(Jdbi jdbi, Checkpoint checkpoint) {
        this.jdbi = jdbi;
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
    }

    @Override
    public TurnSettlement commit(TurnSettlement settlement) {
        Objects.requireNonNull(settlement, "settlement");
        return jdbi.inTransaction(handle -> {
            TurnSettlement written = settlement;
            if (settlement.reservationId() != null) {
                boolean settled = JdbiWallets.end(handle.attach(WalletDao.class), settlement.reservationId(),
                        "settled", settlement.charge());
                if (!settled) {
                    written = settlement.withCredits(0); // voided meanwhile: nothing was charged
                }
                checkpoint.reached("charged");
            }
            AiMessage answer = written.answer();
            if (answer != null) {
                JdbiMessageRepository.insertAnswer(handle, answer);
                checkpoint.reached("answered");
            }
            handle.attach(UsageDao.class).insert(Rows.bindings(UsageRow.of(written.usage())));
            checkpoint.reached("logged");
            return written;
        });
    }
}
