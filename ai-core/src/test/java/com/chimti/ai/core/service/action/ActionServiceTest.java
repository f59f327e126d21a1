package com.chimti.ai.core.service.action;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.action.ActionField;
import com.chimti.ai.core.domain.action.ActionHandler;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.ActionOutcome;
import com.chimti.ai.core.domain.action.ActionRequest;
import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.action.TaskNote;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.tenancy.AiNotEnabledException;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.service.action.ActionRegistry;
import com.chimti.ai.core.service.action.CreateTaskNoteHandler;
import com.chimti.ai.core.service.action.DraftCustomerMessageHandler;
import com.chimti.ai.core.testing.Callers;
import com.chimti.ai.core.testing.CoreFixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ActionServiceTest {
    private final CoreFixture fx = new CoreFixture();
    private final Caller me = Callers.brandAdmin();
    private final ActionService service = fx.actionService;

    private static Map<String, Object> note() {
        Map<String, Object> input = new HashMap<>();
        input.put("title", "Call the supplier back");
        input.put("body", "About the late delivery");
        input.put("brandId", "b1");
        input.put("locationId", "l1");
        return input;
    }

    private static Map<String, Object> draft() {
        return new HashMap<>(Map.of("customerName", "Ada", "channel", "email", "body", "Your order is ready",
                "brandId", "b2"));
    }

    private AiChat myChat() {
        return fx.chatService.create(new CreateChatCommand(me, null, new BrandId("b1"), null));
    }

    private static Map<String, Object> with(Map<String, Object> input, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(input);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }

    @Test
    void aValidProposalWaitsForConfirmationWithOnlyItsDeclaredFields() {
        AiChat chat = myChat();
        Map<String, Object> input = note();
        input.put("status", "executed");
        input.put("clientId", "someone-else");
        input.put("balance", 1_000_000);

        AiAction action = service.propose(me, chat.id(), CreateTaskNoteHandler.TYPE, input);

        assertThat(action.status()).isEqualTo(ActionStatus.PROPOSED);
        assertThat(action.input()).containsOnlyKeys("title", "body", "brandId", "locationId");
        assertThat(action.completedAt()).isNull();
        assertThat(fx.actions.findById(action.id())).contains(action);
        assertThat(fx.taskNotes.all()).isEmpty();
    }

    @Test
    void aConfirmedProposalRunsItsHandlerInTheCallersScope() {
        AiChat chat = myChat();
        AiAction proposed = service.propose(me, chat.id(), CreateTaskNoteHandler.TYPE,
                with(note(), "clientId", "c-evil"));

        AiAction done = service.confirm(me, proposed.id());

        assertThat(done.status()).isEqualTo(ActionStatus.EXECUTED);
        assertThat(done.completedAt()).isNotNull();
        TaskNote written = fx.taskNotes.findByAction(proposed.id()).orElseThrow();
        assertThat(done.result()).containsEntry("taskNoteId", written.id());
        assertThat(written.clientId()).isEqualTo(me.clientId());
        assertThat(written.userId()).isEqualTo(me.userId());
        assertThat(written.brandId()).isEqualTo(new BrandId("b1"));
        assertThat(written.locationId()).isEqualTo(new LocationId("l1"));
        assertThat(written.chatId()).isEqualTo(chat.id());
        assertThat(fx.actions.findById(proposed.id())).contains(done);
    }

    @Test
    void aCustomerMessageDraftIsStoredNotSent() {
        AiAction proposed = service.propose(me, null, DraftCustomerMessageHandler.TYPE, draft());
        AiAction done = service.confirm(me, proposed.id());

        assertThat(done.status()).isEqualTo(ActionStatus.EXECUTED);
        assertThat(fx.messageDrafts.findByAction(proposed.id())).get()
                .satisfies(d -> {
                    assertThat(d.channel()).isEqualTo("email");
                    assertThat(d.brandId()).isEqualTo(new BrandId("b2"));
                    assertThat(d.clientId()).isEqualTo(me.clientId());
                });
    }

    private void assertRejected(Caller caller, String type, Map<String, Object> input, String reason) {
        AiAction action = service.propose(caller, null, type, input);
        assertThat(action.status()).isEqualTo(ActionStatus.REJECTED);
        assertThat(action.result()).containsEntry("reason", reason).containsKey("detail");
        assertThat(action.completedAt()).isNotNull();
        assertThat(fx.actions.findById(action.id()).orElseThrow().status()).isEqualTo(ActionStatus.REJECTED);
        assertThatThrownBy(() -> service.confirm(caller, action.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("rejected");
        assertThat(fx.taskNotes.all()).isEmpty();
        assertThat(fx.messageDrafts.all()).isEmpty();
    }

    @Test
    void anUnknownTypeIsRejected() {
        assertRejected(me, "run_shell", Map.of("command", "rm -rf /"), "unknown_type");
        assertRejected(me, null, Map.of(), "unknown_type");
    }

    @Test
    void aMissingFieldIsRejected() {
        assertRejected(me, CreateTaskNoteHandler.TYPE, with(note(), "title", null), "missing_field");
        assertRejected(me, CreateTaskNoteHandler.TYPE, with(note(), "title", "   "), "missing_field");
        assertRejected(me, DraftCustomerMessageHandler.TYPE, with(draft(), "brandId", null), "missing_field");
    }

    @Test
    void aFieldOfTheWrongTypeOrShapeIsRejected() {
        assertRejected(me, CreateTaskNoteHandler.TYPE, with(note(), "title", 42), "invalid_field");
        assertRejected(me, CreateTaskNoteHandler.TYPE, with(note(), "title", "x".repeat(201)), "invalid_field");
        assertRejected(me, DraftCustomerMessageHandler.TYPE, with(draft(), "channel", "fax"), "invalid_field");
    }

    @Test
    void jsonNullsInTheInputMeanNotGiven() {
        Map<String, Object> input = with(note(), "locationId", null);
        input.put("locationId", null);
        input.put("dueDate", null);
        AiAction action = service.propose(me, null, CreateTaskNoteHandler.TYPE, input);
        assertThat(action.status()).isEqualTo(ActionStatus.PROPOSED);
        assertThat(action.input()).doesNotContainKey("locationId");
        assertRejected(me, CreateTaskNoteHandler.TYPE, with(note(), "title", null), "missing_field");
        Map<String, Object> nullTitle = note();
        nullTitle.put("title", null);
        assertRejected(me, CreateTaskNoteHandler.TYPE, nullTitle, "missing_field");
    }

    @Test
    void aBrandOutsideTheCallersScopeIsRejected() {
        assertRejected(me, CreateTaskNoteHandler.TYPE, with(note(), "brandId", "b9"), "out_of_scope");
    }

    @Test
    void aLocationOutsideTheCallersScopeIsRejected() {
        assertRejected(me, CreateTaskNoteHandler.TYPE, with(note(), "locationId", "l9"), "out_of_scope");
    }

    @Test
    void aRoleTheHandlerDoesNotAllowIsRejected() {
        Caller fieldUser = aCaller().roles(Role.FIELD).aiAccess(true).build();
        assertRejected(fieldUser, DraftCustomerMessageHandler.TYPE, draft(), "role_not_allowed");
    }

    @Test
    void aConfirmedActionExecutesOnceUnderTwentyConcurrentConfirms() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ActionService counting = fx.actionService(new ActionRegistry(List.of(handler("count_me", true, r -> {
            runs.incrementAndGet();
            sleep(20);
            return new ActionOutcome.Done(Map.of("run", runs.get()));
        }))));
        AiAction proposed = counting.propose(me, null, "count_me", Map.of("title", "t"));

        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AiAction>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return counting.confirm(me, proposed.id());
            }));
        }
        start.countDown();
        int executed = 0;
        int conflicts = 0;
        for (Future<AiAction> future : futures) {
            try {
                assertThat(future.get(10, TimeUnit.SECONDS).status()).isEqualTo(ActionStatus.EXECUTED);
                executed++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ConflictException.class);
                conflicts++;
            }
        }
        pool.shutdownNow();

        assertThat(executed).isEqualTo(1);
        assertThat(conflicts).isEqualTo(19);
        assertThat(runs).hasValue(1);
        assertThat(fx.actions.findById(proposed.id()).orElseThrow().status()).isEqualTo(ActionStatus.EXECUTED);
        assertThatThrownBy(() -> counting.confirm(me, proposed.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("executed");
    }

    @Test
    void aRejectedProposalCanNeverBeConfirmed() {
        AiAction proposed = service.propose(me, null, CreateTaskNoteHandler.TYPE, note());

        AiAction rejected = service.reject(me, proposed.id());

        assertThat(rejected.status()).isEqualTo(ActionStatus.REJECTED);
        assertThat(rejected.result()).containsEntry("reason", "rejected_by_user");
        assertThatThrownBy(() -> service.confirm(me, proposed.id())).isInstanceOf(ConflictException.class)
                .hasMessage("the action is rejected; only a proposed action can be confirmed");
        assertThatThrownBy(() -> service.reject(me, proposed.id())).isInstanceOf(ConflictException.class);
        assertThat(fx.taskNotes.all()).isEmpty();
    }

    @Test
    void anotherUsersActionIsNotFound() {
        AiAction mine = service.propose(me, null, CreateTaskNoteHandler.TYPE, note());
        Caller other = aCaller().user("u2").build();

        assertThatThrownBy(() -> service.confirm(other, mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.reject(other, mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.get(other, mine.id())).isInstanceOf(NotFoundException.class);
        assertThat(service.list(other, null)).isEmpty();
        assertThatThrownBy(() -> service.confirm(me, ActionId.newId())).isInstanceOf(NotFoundException.class);
        assertThat(fx.actions.findById(mine.id()).orElseThrow().status()).isEqualTo(ActionStatus.PROPOSED);
    }

    @Test
    void aProposalInAnotherUsersChatIsNotFound() {
        AiChat chat = myChat();
        Caller other = aCaller().user("u2").build();
        assertThatThrownBy(() -> service.propose(other, chat.id(), CreateTaskNoteHandler.TYPE, note()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aCallerWithoutAiAccessCannotProposeOrConfirm() {
        Caller store = aCaller().roles(Role.STORE).build();
        AiAction proposed = service.propose(me, null, CreateTaskNoteHandler.TYPE, note());
        assertThatThrownBy(() -> service.propose(store, null, CreateTaskNoteHandler.TYPE, note()))
                .isInstanceOf(AiNotEnabledException.class);
        assertThatThrownBy(() -> service.list(store, null)).isInstanceOf(AiNotEnabledException.class);
        assertThat(proposed.status()).isEqualTo(ActionStatus.PROPOSED);
    }

    @Test
    void aCallerWhoLostTheBrandBeforeConfirmingGetsItRejected() {
        AiAction proposed = service.propose(me, null, CreateTaskNoteHandler.TYPE, note());
        Caller narrowed = aCaller().brands("b2").build();

        AiAction result = service.confirm(narrowed, proposed.id());

        assertThat(result.status()).isEqualTo(ActionStatus.REJECTED);
        assertThat(result.result()).containsEntry("reason", "out_of_scope");
        assertThat(fx.taskNotes.all()).isEmpty();
    }

    @Test
    void aHandlerThatThrowsLeavesTheActionFailedWithAGenericReason() {
        ActionService failing = fx.actionService(new ActionRegistry(List.of(handler("boom", true, r -> {
            throw new IllegalStateException("jdbc:postgresql://secret-host/db password=hunter2");
        }))));
        AiAction proposed = failing.propose(me, null, "boom", Map.of("title", "t"));

        AiAction failed = failing.confirm(me, proposed.id());

        assertThat(failed.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(failed.result()).containsEntry("error", ActionService.HANDLER_FAILED);
        assertThat(failed.completedAt()).isNotNull();
        assertThatThrownBy(() -> failing.confirm(me, proposed.id())).isInstanceOf(ConflictException.class);
    }

    @Test
    void aHandlerThatNeedsNoConfirmationRunsRightAfterValidation() {
        AtomicInteger runs = new AtomicInteger();
        ActionService auto = fx.actionService(new ActionRegistry(List.of(handler("auto", false, r -> {
            runs.incrementAndGet();
            return new ActionOutcome.Done(Map.of("ok", true));
        }))));

        AiAction action = auto.propose(me, null, "auto", Map.of("title", "t"));

        assertThat(action.status()).isEqualTo(ActionStatus.EXECUTED);
        assertThat(action.result()).containsEntry("ok", true);
        assertThat(runs).hasValue(1);
    }

    @Test
    void listsTheCallersActionsNewestFirstOptionallyByChat() {
        AiChat chat = myChat();
        AiAction first = service.propose(me, chat.id(), CreateTaskNoteHandler.TYPE, note());
        sleep(2);
        AiAction second = service.propose(me, null, CreateTaskNoteHandler.TYPE, note());

        assertThat(service.list(me, null)).extracting(AiAction::id).containsExactly(second.id(), first.id());
        assertThat(service.list(me, chat.id())).extracting(AiAction::id).containsExactly(first.id());
    }

    @Test
    void theRegistryRefusesTwoHandlersOfOneTypeAndShipsNoShellAction() {
        ActionHandler a = handler("same", true, r -> new ActionOutcome.Done(Map.of()));
        assertThatThrownBy(() -> new ActionRegistry(List.of(a, a))).isInstanceOf(IllegalArgumentException.class);
        assertThat(fx.actionRegistry.specs()).extracting(ActionSpec::actionType)
                .containsExactlyInAnyOrder("create_task_note", "draft_customer_message");
        assertThat(fx.actionRegistry.specs()).allMatch(ActionSpec::needsConfirmation);
    }

    private static ActionHandler handler(String type, boolean needsConfirmation,
                                         Function<ActionRequest, ActionOutcome> body) {
        ActionSpec spec = new ActionSpec(type, List.of(ActionField.requiredText("title", 100)),
                Set.of(Role.BRAND_ADMIN, Role.BRAND_SUPERADMIN), needsConfirmation);
        return new ActionHandler() {
            @Override
            public ActionSpec spec() {
                return spec;
            }

            @Override
            public ActionOutcome execute(ActionRequest request) {
                return body.apply(request);
            }
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
