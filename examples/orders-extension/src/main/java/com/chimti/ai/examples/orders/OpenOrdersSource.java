package com.chimti.ai.examples.orders;

import com.chimti.ai.core.domain.context.BusinessDirectory;
import com.chimti.ai.core.domain.context.ContextRecord;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.port.out.ContextSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * "open orders": today's (UTC) open orders of the caller's client at the caller's locations, soonest due first,
 * at most {@value #MAX_RECORDS}, one compact line each. It asks only for what the caller may see; the core's
 * context builder filters by the caller's scope again all the same.
 */
public final class OpenOrdersSource implements ContextSource {
    public static final String KIND = "open orders";
    static final int MAX_RECORDS = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final DataSource database;
    private final Clock clock;

    public OpenOrdersSource(DataSource database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records only: names come from the core's own sources. */
    @Override
    public BusinessDirectory directoryFor(Caller caller) {
        return BusinessDirectory.EMPTY;
    }

    @Override
    public List<ContextRecord> recordsFor(Caller caller) {
        if (caller.locationIds().isEmpty()) {
            return List.of();
        }
        ZonedDateTime today = LocalDate.now(clock.withZone(ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC);
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT id, brand_id, location_id, summary,"
                     + " due_at FROM host_orders WHERE client_id = ? AND location_id = ANY (?) AND status = 'open'"
                     + " AND due_at >= ? AND due_at < ? ORDER BY due_at, id LIMIT " + MAX_RECORDS)) {
            query.setString(1, caller.clientId().value());
            query.setArray(2, connection.createArrayOf("text",
                    caller.locationIds().stream().map(LocationId::value).toArray()));
            query.setTimestamp(3, Timestamp.from(today.toInstant()));
            query.setTimestamp(4, Timestamp.from(today.plusDays(1).toInstant()));
            List<ContextRecord> records = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String due = TIME.format(rows.getTimestamp("due_at").toInstant().atZone(ZoneOffset.UTC));
                    records.add(new ContextRecord(KIND, new BrandId(rows.getString("brand_id")),
                            new LocationId(rows.getString("location_id")),
                            "order " + rows.getString("id") + ": " + rows.getString("summary") + ", due " + due));
                }
            }
            return records;
        } catch (SQLException failed) {
            // the core drops a failing source's part of the context, never the turn
            throw new IllegalStateException("open orders could not be read", failed);
        }
    }
}
