package com.chimti.ai.app.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.app.ConfigException;
import com.chimti.ai.app.EmbeddedAi;
import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.action.ActionHandler;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.ActionOutcome;
import com.chimti.ai.core.domain.action.ActionRequest;
import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.EraseUserCommand;
import com.chimti.ai.core.port.in.ErasureReport;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.StartLoginCommand;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.in.TurnResult;
import com.chimti.ai.core.port.out.AiExtension;
import com.chimti.ai.core.port.out.ExtensionContext;
import com.chimti.ai.core.service.action.CreateTaskNoteHandler;
import com.chimti.ai.examples.orders.OrdersExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example host extension (examples/orders-extension) registered through the embedding API, on the embedded
 * PostgreSQL with the real Codex CLI against the fake model: its tables are migrated, the model is offered and
 * proposes {@code flag_order}, the user confirms through {@code ai.actions()}, the host's table holds exactly one
 * flag, a second confirm is a conflict, another client replaying the id finds nothing, and the prompt carries
 * the caller's open orders but no other location's or client's.
 */
class HostExtensionEmbeddingTest {
    private static final String API_KEY = "sk-host-extension-test-0123456789abcdef";
    private static final String ALICE_ORDER = "order o-alice-1: Brake pads for the blue van, due 12:30";

    @TempDir
    Path dataDir;

    private final Caller alice = new Caller(new UserId("alice"), new ClientId("client-1"),
            Set.of(new BrandId("brand-1")), Set.of(new LocationId("loc-1")), Set.of(Role.STORE), true,
            Set.of(Caller.AI_MODULE));
    private final Caller bob = new Caller(new UserId("bob"), new ClientId("client-2"),
            Set.of(new BrandId("brand-9")), Set.of(new LocationId("loc-1")), Set.of(Role.STORE), true,
            Set.of(Caller.AI_MODULE));

    /** A second extension of the test's own: it hands the test the database the extensions get. */
    private static final class DatabaseProbe implements AiExtension {
        final AtomicReference<DataSource> database = new AtomicReference<>();

        @Override
        public String name() {
            return "test_probe";
        }

        @Override
        public List<ActionHandler> actionHandlers(ExtensionContext context) {
            database.set(context.dataSource());
            return List.of();
        }
    }

    private Map<String, String> codexEnvironment(FakeOpenAiServer openAi) {
        Map<String, String> environment = new HashMap<>();
        environment.put("AI_DATA_DIR", dataDir.toString());
        environment.put("AI_PROVIDERS", "codex");
        environment.put("AI_DEFAULT_PROVIDER", "codex");
        environment.put("CODEX_CONFIG_FILE", openAi.writeCodexConfig(dataDir.resolve("codex.toml")).toString());
        environment.put("CODEX_ENV_PASSTHROUGH", FakeOpenAiServer.ISSUER_ENV);
        environment.put(FakeOpenAiServer.ISSUER_ENV, openAi.baseUrl());
        environment.put("AI_TURN_TIMEOUT_MS", "60000");
        return environment;
    }

    private static void order(DataSource database, String id, String client, String brand, String location,
                              String summary, String status, Instant due) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO host_orders (id, client_id,"
                     + " brand_id, location_id, summary, status, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, client);
            insert.setString(3, brand);
            insert.setString(4, location);
            insert.setString(5, summary);
            insert.setString(6, status);
            insert.setTimestamp(7, Timestamp.from(due));
            insert.executeUpdate();
        }
    }

    private static List<Map<String, String>> flags(DataSource database) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT id, action_id, client_id, location_id,"
                     + " order_id, reason, flagged_by FROM host_order_flags ORDER BY created_at");
             ResultSet result = query.executeQuery()) {
            while (result.next()) {
                Map<String, String> row = new HashMap<>();
                for (String column : List.of("id", "action_id", "client_id", "location_id", "order_id", "reason",
                        "flagged_by")) {
                    row.put(column, result.getString(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<String> orderIds(DataSource database) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT id FROM host_orders ORDER BY id");
             ResultSet result = query.executeQuery()) {
            while (result.next()) {
                ids.add(result.getString(1));
            }
        }
        return ids;
    }

    private static String historyOf(DataSource database, String table) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT string_agg(version || ':' || success,"
                     + " ',' ORDER BY installed_rank) FROM " + table);
             ResultSet result = query.executeQuery()) {
            result.next();
            return result.getString(1);
        }
    }

    @Test
    void theModelProposesTheHostsActionTheUserConfirmsOnceAndThePromptHasOnlyTheCallersOrders() throws Exception {
        DatabaseProbe probe = new DatabaseProbe();
        try (FakeOpenAiServer openAi = new FakeOpenAiServer()) {
            Map<String, String> environment = codexEnvironment(openAi);
            EmbeddedAi.Builder builder = EmbeddedAi.builder().config(AppConfig.forEmbedding(environment))
                    .environment(environment)
                    .extension(new OrdersExtension());
            builder.extension(probe); // the test's own, not on docs/embedding.md
            try (EmbeddedAi ai = builder.build()) {
                DataSource database = probe.database.get();
                assertThat(historyOf(database, "flyway_history_ext_orders")).isEqualTo("0:true,1:true");

                Instant noon = LocalDate.now(ZoneOffset.UTC).atTime(12, 0).toInstant(ZoneOffset.UTC);
                order(database, "o-alice-1", "client-1", "brand-1", "loc-1", "Brake pads for the blue van", "open",
                        noon.plusSeconds(30 * 60));
                order(database, "o-other-location", "client-1", "brand-1", "loc-2", "Tyres for the red car", "open",
                        noon);
                order(database, "o-other-client", "client-2", "brand-9", "loc-1", "Secret order of another client",
                        "open", noon);
                order(database, "o-done", "client-1", "brand-1", "loc-1", "Wipers already fitted", "done", noon);
                order(database, "o-tomorrow", "client-1", "brand-1", "loc-1", "Oil change next day", "open",
                        noon.plusSeconds(86_400));

                ai.account().startLogin(new StartLoginCommand(alice, "codex", LoginMethod.API_KEY,
                        new Secret(API_KEY)));
                AiChat chat = ai.chats().create(new CreateChatCommand(alice, "Orders", new BrandId("brand-1"),
                        new LocationId("loc-1")));

                // the model proposes the host's action through the one tool, as for a built-in action
                openAi.proposeOnNextTurn("propose_action", "{\"actionType\":\"flag_order\",\"input\":{\"orderId\":"
                        + "\"o-alice-1\",\"locationId\":\"loc-1\",\"reason\":\"customer called twice\"}}");
                TurnResult turn = ai.converse().send(new SendMessageCommand(alice, chat.id(),
                        "Flag the brake pads order"), TurnEvents.NONE);
                assertThat(openAi.lastOfferedTools()).contains("propose_action");
                assertThat(openAi.responseBodies()).anySatisfy(body -> assertThat(body).contains("flag_order")
                        .contains("orderId"));
                List<?> actionIds = (List<?>) turn.assistantMessage().metadata().get("actionIds");
                assertThat(actionIds).hasSize(1);
                ActionId actionId = new ActionId(actionIds.get(0).toString());
                AiAction proposed = ai.actions().get(alice, actionId);
                assertThat(proposed.actionType()).isEqualTo("flag_order");
                assertThat(proposed.status()).isEqualTo(ActionStatus.PROPOSED);
                assertThat(flags(database)).as("nothing runs before the user confirms").isEmpty();

                // another client replaying the id finds nothing, and cannot confirm it
                assertThatThrownBy(() -> ai.actions().get(bob, actionId)).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> ai.actions().confirm(bob, actionId)).isInstanceOf(NotFoundException.class);

                AiAction done = ai.actions().confirm(alice, actionId);
                assertThat(done.status()).isEqualTo(ActionStatus.EXECUTED);
                assertThat(done.result()).containsEntry("orderId", "o-alice-1").containsKey("flagId");
                assertThatThrownBy(() -> ai.actions().confirm(alice, actionId))
                        .isInstanceOf(ConflictException.class);
                assertThat(flags(database)).singleElement().satisfies(flag -> {
                    assertThat(flag).containsEntry("id", done.result().get("flagId").toString())
                            .containsEntry("action_id", actionId.value()).containsEntry("client_id", "client-1")
                            .containsEntry("location_id", "loc-1").containsEntry("order_id", "o-alice-1")
                            .containsEntry("reason", "customer called twice").containsEntry("flagged_by", "alice");
                });

                // the handler's own rule: another client's order at a location id alice has too is not hers
                AiAction foreign = ai.actions().propose(alice, chat.id(), "flag_order",
                        Map.of("orderId", "o-other-client", "locationId", "loc-1"));
                AiAction refused = ai.actions().confirm(alice, foreign.id());
                assertThat(refused.status()).isEqualTo(ActionStatus.FAILED);
                assertThat(refused.result()).containsEntry("error", "no such open order at that location");
                // the core's scope rule: a location outside alice's token is rejected before anything runs
                AiAction outside = ai.actions().propose(alice, chat.id(), "flag_order",
                        Map.of("orderId", "o-other-location", "locationId", "loc-2"));
                assertThat(outside.status()).isEqualTo(ActionStatus.REJECTED);
                assertThat(outside.result()).containsEntry("reason", "out_of_scope");
                assertThat(flags(database)).hasSize(1);

                String prompts = String.join("\n", openAi.responseBodies());
                assertThat(prompts).contains("Flag the brake pads order").contains("Business context")
                        .doesNotContain("Tyres for the red car").doesNotContain("Secret order of another client")
                        .doesNotContain("Wipers already fitted").doesNotContain("Oil change next day")
                        .contains(ALICE_ORDER);

                // erasing alice takes what the extension keeps of her (her flag); the host's orders stay
                Caller platformAdmin = new Caller(new UserId("root"), new ClientId("platform"), Set.of(), Set.of(),
                        Set.of(Role.PLATFORM_ADMIN), false, Set.of());
                ErasureReport erased = ai.erasure().erase(new EraseUserCommand(platformAdmin, alice.clientId(),
                        alice.userId()));
                assertThat(erased.rows().actions()).isEqualTo(3);
                assertThat(flags(database)).isEmpty();
                assertThat(orderIds(database)).containsExactly("o-alice-1", "o-done", "o-other-client",
                        "o-other-location", "o-tomorrow");
            }
        }
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && p.info().command().map(c -> c.endsWith("/codex")).orElse(false)))
                .as("close() left no Codex CLI behind").isEmpty();
    }

    @Test
    void aHostActionWithABuiltInTypeStopsTheStart() {
        ActionHandler impostor = new ActionHandler() {
            @Override
            public ActionSpec spec() {
                return new ActionSpec(CreateTaskNoteHandler.TYPE, List.of(), Set.of(Role.STORE), true);
            }

            @Override
            public ActionOutcome execute(ActionRequest request) {
                throw new AssertionError("never runs");
            }
        };
        Map<String, String> environment = Map.of("AI_DATA_DIR", dataDir.toString(), "AI_PROVIDERS", "openai-stub");

        assertThatThrownBy(() -> EmbeddedAi.builder().config(AppConfig.forEmbedding(environment))
                .environment(environment).actionHandler(impostor).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("declares create_task_note, the type of a built-in action");
    }
}
