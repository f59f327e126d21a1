package com.chimti.ai.examples.orders;

import com.chimti.ai.core.domain.action.ActionField;
import com.chimti.ai.core.domain.action.ActionHandler;
import com.chimti.ai.core.domain.action.ActionOutcome;
import com.chimti.ai.core.domain.action.ActionRequest;
import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.tenancy.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code flag_order}: flags one of today's open orders at a location for attention. Input: {@code orderId}
 * (required), {@code locationId} (required; the core has checked it is one of the caller's), {@code reason}.
 * Store, workshop and brand admins may use it, after the user confirms. The order must be an open order of the
 * caller's client at that location. One flag per action: {@code action_id} is unique, so a second run of the
 * same action writes nothing and answers with the first flag.
 */
public final class FlagOrderHandler implements ActionHandler {
    public static final String TYPE = "flag_order";
    static final String NO_SUCH_ORDER = "no such open order at that location";
    private static final ActionSpec SPEC = new ActionSpec(TYPE,
            List.of(ActionField.requiredText("orderId", 64), ActionField.location(true),
                    ActionField.optionalText("reason", 500)),
            EnumSet.of(Role.STORE, Role.WORKSHOP, Role.BRAND_ADMIN, Role.BRAND_SUPERADMIN), true);

    private final DataSource database;
    private final Clock clock;

    public FlagOrderHandler(DataSource database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        String orderId = request.text("orderId");
        String clientId = request.caller().clientId().value();
        String locationId = request.locationId().value();
        try (Connection connection = database.getConnection()) {
            if (!isOpenOrder(connection, orderId, clientId, locationId)) {
                return new ActionOutcome.Failed(NO_SUCH_ORDER);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO host_order_flags (id, action_id, client_id, location_id, order_id, reason,"
                            + " flagged_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (action_id) DO NOTHING")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, request.actionId().value());
                insert.setString(3, clientId);
                insert.setString(4, locationId);
                insert.setString(5, orderId);
                insert.setString(6, request.text("reason"));
                insert.setString(7, request.caller().userId().value());
                insert.setTimestamp(8, Timestamp.from(clock.instant()));
                insert.executeUpdate();
            }
            return new ActionOutcome.Done(Map.of("flagId", flagOf(connection, request.actionId().value()),
                    "orderId", orderId));
        } catch (SQLException failed) {
            // the core records a generic failure; neither the SQL nor its values reach the user or a log
            throw new IllegalStateException("flag_order could not write its flag", failed);
        }
    }

    private static boolean isOpenOrder(Connection connection, String orderId, String clientId, String locationId)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM host_orders WHERE id = ?"
                + " AND client_id = ? AND location_id = ? AND status = 'open'")) {
            query.setString(1, orderId);
            query.setString(2, clientId);
            query.setString(3, locationId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String flagOf(Connection connection, String actionId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM host_order_flags WHERE action_id = ?")) {
            query.setString(1, actionId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
