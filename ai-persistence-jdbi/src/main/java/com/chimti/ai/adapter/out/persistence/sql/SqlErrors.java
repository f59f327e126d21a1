package com.chimti.ai.adapter.out.persistence.sql;

import java.sql.SQLException;

/** Recognises PostgreSQL errors by SQLSTATE, which is stable, instead of by message text. */
public final class SqlErrors {
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String CHECK_VIOLATION = "23514";

    private SqlErrors() {
    }

    public static boolean isUniqueViolation(Throwable error) {
        return hasState(error, UNIQUE_VIOLATION);
    }

    public static boolean hasState(Throwable error, String sqlState) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
