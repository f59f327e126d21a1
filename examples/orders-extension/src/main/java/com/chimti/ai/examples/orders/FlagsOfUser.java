package com.chimti.ai.examples.orders;

import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.HostUserData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What the orders extension keeps of a user: the flags their confirmed {@code flag_order} actions wrote (with the
 * reason they gave). An erasure of the user deletes them, in the user's client only; the orders are the host's
 * and stay.
 */
public final class FlagsOfUser implements HostUserData {
    private final DataSource database;

    public FlagsOfUser(DataSource database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public int erase(TenantUser user) {
        try (Connection connection = database.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM host_order_flags WHERE client_id = ? AND flagged_by = ?")) {
            delete.setString(1, user.clientId().value());
            delete.setString(2, user.userId().value());
            return delete.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException("the orders extension could not erase a user's flags", failed);
        }
    }
}
