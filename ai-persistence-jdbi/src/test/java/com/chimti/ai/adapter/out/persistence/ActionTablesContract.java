package com.chimti.ai.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.adapter.out.persistence.sql.SqlErrors;
import com.chimti.ai.adapter.out.persistence.testing.TestData;
import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.action.MessageDraft;
import com.chimti.ai.core.domain.action.TaskNote;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.service.action.ActionRegistry;
import com.chimti.ai.core.service.action.ActionService;
import com.chimti.ai.core.service.action.CreateTaskNoteHandler;
import com.chimti.ai.core.service.action.DraftCustomerMessageHandler;
import com.chimti.ai.core.testing.Callers;
import com.chimti.ai.core.testing.InMemoryAuditTrail;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The action lifecycle on PostgreSQL: the shipped handlers' tables (V4) and {@link ActionService} on the JDBI
 * repositories, including 20 concurrent confirms racing on the conditional update. Fresh random users per test.
 */
abstract class ActionTablesContract extends WalletContract {

    private ActionService service() {
        Clock clock = Clock.systemUTC();
        ActionRegistry registry = new ActionRegistry(List.of(
                new CreateTaskNoteHandler(instance().taskNoteRepository(), clock),
                new DraftCustomerMessageHandler(instance().messageDraftRepository(), clock)));
        return new ActionService(instance().actionRepository(), instance().chatRepository(), registry,
                new AiAccessPolicy(), new InMemoryAuditTrail(), clock);
    }

    private static Caller caller() {
        return Callers.aCaller().user(TestData.user().value()).client(TestData.client().value()).build();
    }

    private AiChat chatOf(Caller caller) {
        AiChat chat = TestData.chat(caller.userId(), caller.clientId(), new BrandId("b1"), TestData.T0);
        instance().chatRepository().insert(chat);
        return chat;
    }

    private static Map<String, Object> note() {
        return new HashMap<>(Map.of("title", "Call the supplier", "brandId", "b1", "locationId", "l1",
                "status", "executed", "clientId", "evil", "balance", 999));
    }

    @Test
    void aConfirmedTaskNoteIsWrittenOnceUnderTwentyConcurrentConfirms() throws Exception {
        ActionService service = service();
        Caller me = caller();
        AiChat chat = chatOf(me);
        AiAction proposed = service.propose(me, chat.id(), CreateTaskNoteHandler.TYPE, note());
        assertThat(proposed.input()).containsOnlyKeys("title", "brandId", "locationId");

        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AiAction>> confirms = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            confirms.add(pool.submit(() -> {
                start.await();
                return service.confirm(me, proposed.id());
            }));
        }
        start.countDown();
        int executed = 0;
        int conflicts = 0;
        for (Future<AiAction> confirm : confirms) {
            try {
                assertThat(confirm.get(30, TimeUnit.SECONDS).status()).isEqualTo(ActionStatus.EXECUTED);
                executed++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ConflictException.class);
                conflicts++;
            }
        }
        pool.shutdownNow();

        assertThat(executed).isEqualTo(1);
        assertThat(conflicts).isEqualTo(19);
        AiAction stored = instance().actionRepository().findById(proposed.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ActionStatus.EXECUTED);
        assertThat(stored.completedAt()).isNotNull();
        TaskNote note = instance().taskNoteRepository().findByAction(proposed.id()).orElseThrow();
        assertThat(stored.result()).containsEntry("taskNoteId", note.id());
        assertThat(note.clientId()).isEqualTo(me.clientId());
        assertThat(note.userId()).isEqualTo(me.userId());
        assertThat(note.brandId()).isEqualTo(new BrandId("b1"));
        assertThat(note.locationId()).isEqualTo(new LocationId("l1"));
        assertThat(note.chatId()).isEqualTo(chat.id());
        Integer rows = instance().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM ai_task_notes WHERE action_id = :id").bind("id", proposed.id().value())
                .mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void aRejectedProposalKeepsItsReasonAndNeverRuns() {
        ActionService service = service();
        Caller me = caller();
        Map<String, Object> outOfScope = note();
        outOfScope.put("brandId", "b9");

        AiAction rejected = service.propose(me, null, CreateTaskNoteHandler.TYPE, outOfScope);

        AiAction stored = instance().actionRepository().findById(rejected.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ActionStatus.REJECTED);
        assertThat(stored.result()).containsEntry("reason", "out_of_scope");
        assertThatThrownBy(() -> service.confirm(me, rejected.id())).isInstanceOf(ConflictException.class);
        assertThat(instance().taskNoteRepository().findByAction(rejected.id())).isEmpty();
    }

    @Test
    void aMessageDraftRoundTripsAndAnActionWritesAtMostOneDraft() {
        ActionService service = service();
        Caller me = caller();
        AiAction proposed = service.propose(me, null, DraftCustomerMessageHandler.TYPE,
                Map.of("customerName", "Ada", "channel", "sms", "body", "Your bike is ready", "brandId", "b2"));
        AiAction done = service.confirm(me, proposed.id());
        assertThat(done.status()).isEqualTo(ActionStatus.EXECUTED);

        MessageDraft draft = instance().messageDraftRepository().findByAction(proposed.id()).orElseThrow();
        assertThat(draft.customerName()).isEqualTo("Ada");
        assertThat(draft.channel()).isEqualTo("sms");
        assertThat(draft.clientId()).isEqualTo(me.clientId());
        assertThat(draft.locationId()).isNull();
        assertThat(done.result()).containsEntry("messageDraftId", draft.id());

        MessageDraft again = new MessageDraft("other-id", draft.actionId(), draft.userId(), draft.clientId(),
                draft.brandId(), null, null, "Ada", "sms", "twice", draft.createdAt());
        assertThatThrownBy(() -> instance().messageDraftRepository().insert(again))
                .satisfies(e -> assertThat(SqlErrors.isUniqueViolation(e)).isTrue());
    }
}
