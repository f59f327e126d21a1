package com.chimti.ai.core.service.action;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.action.ActionField;
import com.chimti.ai.core.domain.action.ActionHandler;
import com.chimti.ai.core.domain.action.ActionOutcome;
import com.chimti.ai.core.domain.action.ActionRequest;
import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.ActionTool;
import com.chimti.ai.core.domain.action.ActionTypeTakenException;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.action.NewArtifact;
import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.artifact.ArtifactId;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.port.in.ArtifactContent;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.out.AiExtension;
import com.chimti.ai.core.port.out.ExtensionContext;
import com.chimti.ai.core.testing.CoreFixture;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A host's handler is an ordinary registered handler: offered to the model by role in the one tool, validated
 * and scope-checked on proposal and again at confirmation, run at most once with its result recorded, saving
 * files through the core's artifact writer, and never allowed to take a built-in action's type.
 */
class HostActionHandlerTest {
    private static final String TYPE = "flag_order";

    /** Like the example extension's flag_order: an order id, a location in scope, a reason. */
    private static final class FlagOrder implements ActionHandler {
        final List<ActionRequest> runs = new CopyOnWriteArrayList<>();
        volatile Function<ActionRequest, ActionOutcome> outcome =
                request -> new ActionOutcome.Done(Map.of("flagId", "flag-" + runs.size(),
                        "orderId", request.text("orderId")));

        @Override
        public ActionSpec spec() {
            return new ActionSpec(TYPE, List.of(ActionField.requiredText("orderId", 64), ActionField.location(true),
                    ActionField.optionalText("reason", 500)),
                    EnumSet.of(Role.STORE, Role.WORKSHOP, Role.BRAND_ADMIN, Role.BRAND_SUPERADMIN), true);
        }

        @Override
        public ActionOutcome execute(ActionRequest request) {
            runs.add(request);
            return outcome.apply(request);
        }
    }

    private final CoreFixture core = new CoreFixture();
    private final FlagOrder flagOrder = new FlagOrder();
    private final ActionRegistry registry = ActionRegistry.withHostHandlers(
            List.of(new CreateTaskNoteHandler(core.taskNotes, core.clock)), List.of(flagOrder));
    private final ActionService actions = core.actionService(registry);
    private final Caller storeUser = aCaller().user("sam").roles(Role.STORE).aiAccess(true).locations("l1", "l2")
            .build();

    private static Map<String, Object> flag(String orderId, String location) {
        Map<String, Object> input = new HashMap<>();
        input.put("orderId", orderId);
        input.put("locationId", location);
        input.put("reason", "customer waiting");
        return input;
    }

    @Test
    void theModelIsOfferedTheHostActionInTheOneToolOnlyForTheRolesItAllows() {
        var conversation = core.conversationServiceWithActions(registry);
        Caller accounts = aCaller().user("ann").roles(Role.ACCOUNTS).aiAccess(true).build();
        for (Caller caller : List.of(storeUser, accounts)) {
            AiChat chat = core.chatService.create(new CreateChatCommand(caller, "t", new BrandId("b1"), null));
            conversation.send(new SendMessageCommand(caller, chat.id(), "hello"), TurnEvents.NONE);
        }

        List<CompletionRequest> requests = core.provider.requests();
        List<ActionSpec> offeredToStore = requests.get(0).proposals().offered();
        assertThat(offeredToStore).extracting(ActionSpec::actionType)
                .containsExactly(CreateTaskNoteHandler.TYPE, TYPE);
        assertThat(requests.get(1).proposals().offered()).extracting(ActionSpec::actionType)
                .containsExactly(CreateTaskNoteHandler.TYPE);
        ActionTool tool = new ActionTool(offeredToStore);
        assertThat(tool.description()).contains("- flag_order: input fields orderId (");
        assertThat(tool.inputSchema().toString()).contains("input of flag_order").contains("orderId")
                .contains("locationId").contains("reason");
    }

    @Test
    void aHostProposalIsValidatedAndScopeCheckedLikeABuiltInOne() {
        Map<String, Object> extra = flag("o-1", "l1");
        extra.put("clientId", "someone-else");
        AiAction valid = actions.propose(storeUser, null, TYPE, extra);
        assertThat(valid.status()).isEqualTo(ActionStatus.PROPOSED);
        assertThat(valid.input()).containsOnlyKeys("orderId", "locationId", "reason");

        assertThat(actions.propose(storeUser, null, TYPE, flag(null, "l1")).result())
                .containsEntry("reason", "missing_field");
        assertThat(actions.propose(storeUser, null, TYPE, flag("o".repeat(65), "l1")).result())
                .containsEntry("reason", "invalid_field");
        assertThat(actions.propose(storeUser, null, TYPE, flag("o-1", "l9")).result())
                .containsEntry("reason", "out_of_scope");
        Caller accounts = aCaller().user("ann").roles(Role.ACCOUNTS).aiAccess(true).locations("l1").build();
        assertThat(actions.propose(accounts, null, TYPE, flag("o-1", "l1")).result())
                .containsEntry("reason", "role_not_allowed");
        assertThat(flagOrder.runs).as("nothing ran before a confirmation").isEmpty();
    }

    @Test
    void confirmationChecksTheScopeAgainRunsTheHandlerOnceAndRecordsItsResult() {
        AiAction proposed = actions.propose(storeUser, null, TYPE, flag("o-1", "l2"));
        Caller movedAway = aCaller().user("sam").roles(Role.STORE).aiAccess(true).locations("l1").build();
        AiAction refused = actions.confirm(movedAway, proposed.id());
        assertThat(refused.status()).isEqualTo(ActionStatus.REJECTED);
        assertThat(refused.result()).containsEntry("reason", "out_of_scope");
        assertThat(flagOrder.runs).isEmpty();

        AiAction again = actions.propose(storeUser, null, TYPE, flag("o-1", "l2"));
        AiAction done = actions.confirm(storeUser, again.id());
        assertThat(done.status()).isEqualTo(ActionStatus.EXECUTED);
        assertThat(done.result()).containsEntry("orderId", "o-1").containsEntry("flagId", "flag-1");
        assertThat(flagOrder.runs).singleElement().satisfies(run -> {
            assertThat(run.actionId()).isEqualTo(again.id());
            assertThat(run.caller()).isEqualTo(storeUser);
            assertThat(run.locationId()).isEqualTo(new LocationId("l2"));
        });
        assertThatThrownBy(() -> actions.confirm(storeUser, again.id())).isInstanceOf(ConflictException.class);
        assertThat(flagOrder.runs).hasSize(1);
    }

    @Test
    void aHostHandlerThatFailsOrThrowsLeavesTheActionFailed() {
        flagOrder.outcome = request -> new ActionOutcome.Failed("no such open order at that location");
        AiAction failed = actions.confirm(storeUser, actions.propose(storeUser, null, TYPE, flag("o-9", "l1")).id());
        assertThat(failed.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(failed.result()).containsEntry("error", "no such open order at that location");

        flagOrder.outcome = request -> {
            throw new IllegalStateException("SELECT * FROM host_orders failed at /secret/path");
        };
        AiAction thrown = actions.confirm(storeUser, actions.propose(storeUser, null, TYPE, flag("o-9", "l1")).id());
        assertThat(thrown.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(thrown.result()).containsEntry("error", ActionService.HANDLER_FAILED);
    }

    /** An extension whose one action saves a CSV through the core's writer, as ExportSummaryHandler does. */
    private static final class ReportsExtension implements AiExtension {
        @Override
        public String name() {
            return "reports";
        }

        @Override
        public List<ActionHandler> actionHandlers(ExtensionContext context) {
            return List.of(new ActionHandler() {
                @Override
                public ActionSpec spec() {
                    return new ActionSpec("export_orders_csv", List.of(ActionField.brand(true)),
                            EnumSet.of(Role.STORE), true);
                }

                @Override
                public ActionOutcome execute(ActionRequest request) {
                    AiArtifact file = context.artifacts().write(new NewArtifact(request.caller(), request.chatId(),
                            request.brandId(), "orders_csv", "Open orders", "text/csv",
                            "id,summary\no-1,Brake pads\n".getBytes(StandardCharsets.UTF_8),
                            Map.of("actionId", request.actionId().value())));
                    return new ActionOutcome.Done(Map.of("artifactId", file.id().value()));
                }
            });
        }
    }

    /** A pool the test's handler never opens; the extension's tables are not needed here. */
    private static DataSource unusedDatabase() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aHostHandlerSavesAFileThroughTheCoresArtifactWriterForTheCallerOnly() {
        ExtensionContext context = new ExtensionContext(unusedDatabase(), core.clock, core.artifactService);
        ActionService reports = core.actionService(ActionRegistry.withHostHandlers(List.of(),
                new ReportsExtension().actionHandlers(context)));
        AiAction proposed = reports.propose(storeUser, null, "export_orders_csv", Map.of("brandId", "b1"));

        AiAction done = reports.confirm(storeUser, proposed.id());

        assertThat(done.status()).isEqualTo(ActionStatus.EXECUTED);
        ArtifactId id = new ArtifactId((String) done.result().get("artifactId"));
        ArtifactContent content = core.artifactService.open(storeUser, id);
        assertThat(new String(content.bytes(), StandardCharsets.UTF_8)).startsWith("id,summary");
        assertThat(content.artifact().clientId()).isEqualTo(storeUser.clientId());
        assertThat(content.artifact().metadata()).containsEntry("actionId", proposed.id().value());
        Caller otherClient = aCaller().client("c2").user("sam").roles(Role.STORE).aiAccess(true).build();
        assertThatThrownBy(() -> core.artifactService.open(otherClient, id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aHostHandlerMayNotTakeABuiltInTypeNorAnotherHostHandlersType() {
        ActionHandler impostor = new CreateTaskNoteHandler(core.taskNotes, core.clock);
        assertThatThrownBy(() -> ActionRegistry.withHostHandlers(
                List.of(new CreateTaskNoteHandler(core.taskNotes, core.clock)), List.of(impostor)))
                .isInstanceOf(ActionTypeTakenException.class)
                .hasMessageContaining("create_task_note").hasMessageContaining("built-in");
        assertThatThrownBy(() -> ActionRegistry.withHostHandlers(List.of(), List.of(flagOrder, new FlagOrder())))
                .isInstanceOf(ActionTypeTakenException.class).hasMessageContaining("two handlers for action type "
                        + TYPE);
    }
}
